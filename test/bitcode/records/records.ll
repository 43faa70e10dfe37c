; Record kinds clang rarely writes for C, assembled by llvm-as-15/16/19 (opaque pointers).
target triple = "i386-unknown-none"

%pair = type { i32, i8 }
%opaque.t = type opaque

@wide = global i128 -170141183460469231731687303715884105727
@huge = global i64 -9223372036854775807
@half = global half 0xH3C00
@ext = global x86_fp80 0xK4000C90FDAA22168C000
@quad = global fp128 0xL00000000000000004000921FB54442D1
@dbl = global double 0x400921FB54442D18
@flt = global float 0x3FB99999A0000000
@vec = global <4 x i32> <i32 1, i32 -2, i32 3, i32 -4>
@vecf = global <2 x float> <float 1.5, float -0.0>
@pairs = global [2 x %pair] [%pair { i32 1, i8 2 }, %pair { i32 -3, i8 4 }]
@undefs = global { i32, i8 } { i32 undef, i8 poison }
@zeros = global [3 x i16] zeroinitializer
@str = private unnamed_addr constant [4 x i8] c"a\00b\00"
@tls = thread_local(initialexec) global i32 7, section ".tdata.x", align 16
@self = global ptr @self
@expr = global i32 ptrtoint (ptr getelementptr inbounds ([2 x %pair], ptr @pairs, i32 0, i32 1, i32 1) to i32)
@alias = alias i32, ptr @tls
@ext.decl = external global %opaque.t

define i32 @records(i32 %a, i64 %b, ptr %p, <4 x i32> %v, ...) {
entry:
  %f = freeze i32 %a
  %n = fneg float 1.0
  %s = select i1 true, i32 %f, i32 %a
  %e = extractelement <4 x i32> %v, i32 2
  %i = insertelement <4 x i32> %v, i32 %e, i32 0
  %sh = shufflevector <4 x i32> %i, <4 x i32> %v, <4 x i32> <i32 0, i32 5, i32 2, i32 7>
  %agg = insertvalue %pair undef, i32 %s, 0
  %x = extractvalue %pair %agg, 0
  fence seq_cst
  %old = atomicrmw add ptr %p, i32 1 monotonic
  %cx = cmpxchg ptr %p, i32 %old, i32 %x acq_rel monotonic
  %la = load atomic i32, ptr %p acquire, align 4
  store atomic i32 %la, ptr %p release, align 4
  %ap = alloca ptr
  %va = va_arg ptr %ap, i32
  %big = mul nuw nsw i64 %b, 123456789012345
  %sw = trunc i64 %big to i32
  switch i64 %b, label %other [
    i64 -1, label %done
    i64 81985529216486895, label %done
  ]
other:
  indirectbr ptr blockaddress(@records, %done), [label %done]
done:
  %r = phi i32 [ %sw, %entry ], [ %sw, %entry ], [ 0, %other ]
  %fp = uitofp i32 %r to double
  %c = fcmp uno double %fp, 0x7FF8000000000000
  br i1 %c, label %dead, label %out
dead:
  unreachable
out:
  ret i32 %r
}
