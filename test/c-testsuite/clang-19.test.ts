/** c-testsuite with clang-19 at -O0 and -O2 (suite.ts). */
import { describeSuite } from "./suite.js";

describeSuite("clang-19");
