#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mfbundle_fuzz::graph::run(data));
