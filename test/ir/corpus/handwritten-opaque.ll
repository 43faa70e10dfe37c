; Hand-written IR for llvm-as-15, -16 and -19 (opaque pointers): names that need quotes, named blocks, unnamed
; globals, aliases, linkages, visibility, sections, constant expressions, vectors, odd float types.
; The datalayout is LLVM 19's for i386 (with i128:128), which llvm-dis-19 would otherwise print upgraded.
source_filename = "hand written.c"
target datalayout = "e-m:e-p:32:32-p270:32:32-p271:32:32-p272:64:64-i128:128-f64:32:64-f80:32-n8:16:32-S128"
target triple = "i386-unknown-none"

%struct.list = type { i32, ptr }
%opaque.thing = type opaque
%packed = type <{ i8, i32 }>
%"name with space" = type { i16 }

@0 = private constant [3 x i8] c"a\22\00"
@counter = internal global i32 7, section ".data.counter", align 4
@"quoted name" = hidden global %"name with space" { i16 -1 }
@weak_value = weak global i64 -9223372036854775808
@common_value = common global [4 x i32] zeroinitializer, align 4
@extern_value = external global i32
@maybe = extern_weak global i8
@tls = thread_local global i32 0
@list = global %struct.list { i32 1, ptr @list }
@packed_value = global %packed <{ i8 1, i32 2 }>
@thing_ptr = global ptr null
@vector = global <4 x i16> <i16 1, i16 2, i16 -3, i16 undef>
@halfs = global [2 x half] [half 0xH3C00, half 0xH7BFF]
@ext = global x86_fp80 0xK4000C90FDAA22168C000
@quad = global fp128 0xL00000000000000003FFF000000000000
@expr = global i32 ptrtoint (ptr @counter to i32)
@element = global ptr getelementptr inbounds ([3 x i8], ptr @0, i32 0, i32 1)
@alias_to_counter = alias i32, ptr @counter
@alias_into_array = internal alias i32, getelementptr inbounds ([4 x i32], ptr @common_value, i32 0, i32 1)
@1 = global i32 5

define internal i32 @"quoted function"(i32 %"arg one", i32 %0) {
entry:
  %sum = add nuw nsw i32 %"arg one", %0
  %1 = icmp sgt i32 %sum, 10
  br i1 %1, label %"big one", label %small

"big one":
  %2 = shl nuw i32 %sum, 2
  br label %small

small:
  %result = phi i32 [ %sum, %entry ], [ %2, %"big one" ]
  ret i32 %result
}

define i32 @aggregates({ i32, i8 } %pair, <4 x i32> %v) {
  %first = extractvalue { i32, i8 } %pair, 0
  %updated = insertvalue { i32, i8 } %pair, i8 3, 1
  %byte = extractvalue { i32, i8 } %updated, 1
  %wide = zext i8 %byte to i32
  %lane = extractelement <4 x i32> %v, i32 2
  %v2 = insertelement <4 x i32> %v, i32 %first, i32 0
  %lane0 = extractelement <4 x i32> %v2, i32 0
  %frozen = freeze i32 %lane0
  %total = add i32 %wide, %lane
  %all = add i32 %total, %frozen
  ret i32 %all
}

define float @floats(float %x, double %y) {
  %neg = fneg float %x
  %fast = fadd fast float %neg, 1.000000e+00
  %some = fmul nnan ninf float %fast, 0x3FB99999A0000000
  %wide = fpext float %some to double
  %cmp = fcmp olt double %wide, %y
  %pick = select i1 %cmp, float %some, float 0x7FF8000000000000
  ret float %pick
}

define void @indirect(i32 %which) {
  %target = select i1 true, ptr blockaddress(@indirect, %one), ptr blockaddress(@indirect, %two)
  indirectbr ptr %target, [label %one, label %two]

one:
  ret void

two:
  unreachable
}

define i32 @memory(ptr %p, i64 %n) {
  %slot = alloca i32, i32 4, align 16
  %wide = alloca i64, align 8
  store volatile i32 1, ptr %slot, align 16
  %v = load atomic i32, ptr %p seq_cst, align 4
  store atomic i32 %v, ptr %p release, align 4
  %q = getelementptr i32, ptr %p, i64 %n
  %w = load i32, ptr %q
  %cast = getelementptr i8, ptr %wide, i32 0
  %r = load volatile i32, ptr %cast, align 4
  %sum = add i32 %w, %r
  ret i32 %sum
}

define void @calls(ptr %f) {
  call fastcc void @callee(i32 signext 1)
  call void %f(i32 zeroext 2)
  %r = tail call i32 (i32, ...) @variadic(i32 1, double 2.000000e+00)
  call void asm sideeffect "nop", "~{dirflag},~{fpsr},~{flags}"()
  ret void
}

declare fastcc void @callee(i32 signext)
declare i32 @variadic(i32, ...)

; Linkages, visibility, TLS models, address spaces, calling conventions, function sections and alignment.
@as1 = addrspace(1) global i32 1
@ext_init = externally_initialized global i32 0
@lodr = linkonce_odr global i32 2
@wodr = weak_odr constant i32 3
@avail = available_externally global i32 4
@prot = protected global i32 5
@hid = dso_local hidden global i32 6
@ie = thread_local(initialexec) global i32 7
@ld = thread_local(localdynamic) global i32 8
@le = thread_local(localexec) global i32 9
@llvm.used = appending global [1 x ptr] [ptr @lodr], section "llvm.metadata"
@priv = private unnamed_addr constant i16 10
@lu = local_unnamed_addr global i8 11

define x86_stdcallcc i32 @std(i32 inreg %x) section ".text.std" align 16 {
  ret i32 %x
}

define internal x86_fastcallcc void @fast() unnamed_addr {
  ret void
}

define weak_odr hidden i32 @weak_hidden() {
  ret i32 0
}

declare extern_weak i32 @maybe_there()

define i64 @casts(i32 %a, float %f) {
  %1 = sext i32 %a to i64
  %2 = fptosi float %f to i64
  %3 = add nsw i64 %1, %2
  %4 = lshr exact i64 %3, 1
  %5 = udiv exact i64 %4, 3
  %6 = sub nuw nsw i64 %5, 1
  ret i64 %6
}
