#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongkai::fuzzing::indicator_yaml(data));
