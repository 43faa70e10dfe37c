; Hand-written IR for llvm-as-14, -15, -16 and -19: global names that need quoting or escapes, and constants.
@"quo\22te" = global i32 1
@"back\5Cslash" = global i32 2
@"9lives" = global i32 3
@"-dash.ok_" = global i32 4
@"sp ace" = global i32 5
@"$dollar" = global i32 6
@"tab\09x" = global i32 7
@"é" = global i32 8
@empty = global [0 x i8] zeroinitializer
@str = global [6 x i8] c"\00\01\7F\80\FF\\"
@ints = global [3 x i16] [i16 -1, i16 32767, i16 -32768]
@floats = global [2 x double] [double 1.5, double 0x7FF8000000000001]
@s = global { i32, { i8, float } } { i32 1, { i8, float } { i8 -2, float 2.5 } }
@p = global <{ i8, i64 }> <{ i8 1, i64 -9223372036854775807 }>
@e = global {} zeroinitializer
@b = global i1 true
@u = global i32 undef
