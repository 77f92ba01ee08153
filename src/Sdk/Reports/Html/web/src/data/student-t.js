// Student's t distribution, computed as the C# grouping engine computes it (Wandb.Grouping.Statistics:
// SpecialFunctions and StudentT) so the page's 95% confidence intervals equal the engine's: the same
// log-gamma and regularized incomplete beta functions and the CDF built on them, and quantiles as its roots.

// Lanczos approximation (g = 7, n = 9): about 15 significant digits for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/**
 * @param {number} x
 * @returns {number}
 */
export function logGamma(x) {
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  x -= 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * I_x(a, b), the regularized incomplete beta function, for a, b > 0 and 0 <= x <= 1.
 * @param {number} x @param {number} a @param {number} b
 */
export function regularizedIncompleteBeta(x, a, b) {
  if (isNaN(x) || isNaN(a) || isNaN(b) || a <= 0 || b <= 0) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges quickly only on one side of the mean a/(a+b); use the symmetry
  // I_x(a, b) = 1 - I_{1-x}(b, a) on the other side.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The continued fraction of the incomplete beta function, evaluated with the modified Lentz method.
 * @param {number} x @param {number} a @param {number} b
 */
function betaContinuedFraction(x, a, b) {
  const tiny = 1e-300, epsilon = 1e-16;
  /** @param {number} v */
  const notTiny = v => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / notTiny(1 - ((a + b) * x) / (a + 1));
  let result = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    let numerator = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / notTiny(1 + numerator * d);
    c = notTiny(1 + numerator / c);
    result *= d * c;
    // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    numerator = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / notTiny(1 + numerator * d);
    c = notTiny(1 + numerator / c);
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < epsilon) break;
  }
  return result;
}

/**
 * P(T <= t) for df degrees of freedom.
 * @param {number} t @param {number} df
 */
export function studentTCdf(t, df) {
  if (isNaN(t) || isNaN(df) || df <= 0) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The density of Student's t at t for df degrees of freedom.
 * @param {number} t @param {number} df
 */
export function studentTDensity(t, df) {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The t with P(T <= t) = p, found as the C# engine finds it: Newton's method inside the bracket (a bisection
 * step whenever Newton would leave it), about ten CDF evaluations instead of the 55 a bisection to 1e-15
 * takes, so a chart whose buckets hold many different run counts does not wait for its confidence intervals.
 * @param {number} p @param {number} df
 * @returns {number}
 */
export function studentTQuantile(p, df) {
  if (isNaN(p) || isNaN(df) || df <= 0 || p <= 0 || p >= 1) {
    return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  }
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  let low = 0, high = 1;
  while (studentTCdf(high, df) < p) {
    low = high;
    high *= 2;
    if (high > 1e300) return Infinity;
  }
  let t = (low + high) / 2;
  for (let i = 0; i < 100; i++) {
    const miss = studentTCdf(t, df) - p;
    if (miss === 0) return t;
    if (miss < 0) low = t; else high = t;
    const newton = t - miss / studentTDensity(t, df);
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, t) || high - low <= 1e-15 * Math.max(1, high)) return next;
    t = next;
  }
  return t;
}

// Every bucket of every grouped chart needs a critical value, always for a whole df: a handful of root
// searches instead of thousands.
/** @type {Map<number, number>} */
const critical95ByDf = new Map();

/**
 * The two-sided 95% critical value t(0.975, df).
 * @param {number} df
 */
export function critical95(df) {
  let t = critical95ByDf.get(df);
  if (t === undefined) {
    t = studentTQuantile(0.975, df);
    critical95ByDf.set(df, t);
  }
  return t;
}
