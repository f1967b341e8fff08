// The visual review harness at 1280 px (test/e2e/visual.mjs): screenshots under test-output/visual/, axe with 0 violations.
import { reviewAt } from './visual.mjs';

reviewAt(1280);
