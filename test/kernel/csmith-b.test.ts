/** Random csmith programs, second half of the seeds (see csmith.ts). */
import { csmithSuite } from "./csmith.js";

csmithSuite(50_001);
