//! Reading HTML token by token, as a browser's tokenizer would, for the checks that look at tags
//! rather than build a tree (nesting depth, links and anchors, active content). Each caller keeps
//! only its [`TokenSink`]; the tokenizer is set up and fed here alone.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TokenSink, Tokenizer, TokenizerOpts};

/// Runs `sink` over `pieces` read one after the other as one document, and hands the sink back.
pub fn tokenize<'a, Sink: TokenSink>(sink: Sink, pieces: impl IntoIterator<Item = &'a str>) -> Sink {
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    for piece in pieces {
        input.push_back(StrTendril::from_slice(piece));
    }
    // The sinks never ask for a script to run, so feeding stops only at the end of the input.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}
