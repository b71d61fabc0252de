//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libkix_ffi.so -l kotlin -l swift --out-dir OUT`
//! (see docs/mobile.md); the version is pinned with the library's, so they never differ.

fn main() {
    uniffi::uniffi_bindgen_main()
}
