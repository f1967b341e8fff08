// The visual review harness at 360 px (test/e2e/visual.mjs): screenshots under test-output/visual/, axe with 0 violations.
import { reviewAt } from './visual.mjs';

reviewAt(360);
