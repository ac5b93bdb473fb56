;; JSON string escaping of UTF-8 bytes, sixteen at a time (WebAssembly SIMD). Compiled by
;; scripts/wasm.mjs into escape-wasm.ts; used by escape-simd.ts for long strings.
;;
;; Memory (8 pages, never grown, so a view of it stays valid):
;;   [0x00000, 0x10000)   input: the string's UTF-8 bytes (utf8Write puts them here)
;;   [0x10000, 0x70000)   output: the escaped bytes, at most 6 per input byte, plus 16
;;   [0x70000, 0x70080)   ESCAPE: 0 for a byte that passes, else its escape letter, 'u' for \u00xx
;;   [0x70080, 0x70090)   lowercase hex digits
;;
;; escape(n) escapes input[0, n) into output and returns the number of bytes written. It
;; escapes exactly the bytes JSON.stringify escapes in well-formed text: the controls
;; below 0x20, `"` and `\`. Bytes from 0x80 up (multi-byte UTF-8) pass unchanged.
(module
  (memory (export "memory") 8)
  (data (i32.const 0x70000) "\75\75\75\75\75\75\75\75\62\74\6e\75\66\72\75\75\75\75\75\75\75\75\75\75\75\75\75\75\75\75\75\75\00\00\22\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\5c\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
  (data (i32.const 0x70080) "0123456789abcdef")

  (func (export "escape") (param $n i32) (result i32)
    (local $i i32)
    (local $o i32)
    (local $m i32)
    (local $k i32)
    (local $c i32)
    (local $v v128)
    (local.set $o (i32.const 0x10000))
    ;; Whole blocks of 16. Each block is stored as it is; where it holds a byte to escape,
    ;; only the bytes before the first such byte are kept, the escape is written after
    ;; them, and the next block starts just past that byte.
    (block $blocks_done
      (loop $blocks
        (br_if $blocks_done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (local.set $v (v128.load (local.get $i)))
        (v128.store (local.get $o) (local.get $v))
        (local.set $m
          (i8x16.bitmask
            (v128.or
              (v128.or
                (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 0x20)))
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x22))))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))))
        (if (i32.eqz (local.get $m))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $blocks)))
        (local.set $k (i32.ctz (local.get $m)))
        (local.set $i (i32.add (local.get $i) (local.get $k)))
        (local.set $o
          (call $escapeByte
            (i32.add (local.get $o) (local.get $k))
            (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $blocks)))
    ;; The last bytes, one at a time.
    (block $bytes_done
      (loop $bytes
        (br_if $bytes_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.and
              (i32.lt_u (local.get $c) (i32.const 0x80))
              (i32.ne (i32.load8_u offset=0x70000 (local.get $c)) (i32.const 0)))
          (then (local.set $o (call $escapeByte (local.get $o) (local.get $c))))
          (else
            (i32.store8 (local.get $o) (local.get $c))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.sub (local.get $o) (i32.const 0x10000)))

  ;; Writes the escape of byte $c at $o: \X, or \u00xx; returns the position after it.
  (func $escapeByte (param $o i32) (param $c i32) (result i32)
    (local $e i32)
    (local.set $e (i32.load8_u offset=0x70000 (local.get $c)))
    (i32.store8 (local.get $o) (i32.const 0x5c))
    (if (result i32) (i32.eq (local.get $e) (i32.const 0x75))
      (then
        (i32.store8 offset=1 (local.get $o) (i32.const 0x75))
        (i32.store8 offset=2 (local.get $o) (i32.const 0x30))
        (i32.store8 offset=3 (local.get $o) (i32.const 0x30))
        (i32.store8 offset=4 (local.get $o) (i32.load8_u offset=0x70080 (i32.shr_u (local.get $c) (i32.const 4))))
        (i32.store8 offset=5 (local.get $o) (i32.load8_u offset=0x70080 (i32.and (local.get $c) (i32.const 15))))
        (i32.add (local.get $o) (i32.const 6)))
      (else
        (i32.store8 offset=1 (local.get $o) (local.get $e))
        (i32.add (local.get $o) (i32.const 2))))))
