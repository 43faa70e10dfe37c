/** Random csmith programs, first half of the seeds (see csmith.ts; the other half runs in parallel). */
import { csmithSuite } from "./csmith.js";

csmithSuite(1);
