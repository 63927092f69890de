#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongkai::fuzzing::front_matter_and_markdown(data));
