/**
 * The TeX a template's math may use: control sequences that KaTeX renders AND that LaTeX (article,
 * amsmath, amssymb: what the LaTeX export loads) defines, and that only typeset. Everything a
 * document could use to reach the world is absent on purpose: `\input`, `\include`, `\openin`,
 * `\openout`, `\write`, `\read`, `\immediate`, `\special`, `\csname`, `\catcode`, `\def`,
 * `\newcommand`, `\let`, `\expandafter`, `\usepackage`, `\jobname`, `\font`, … (an allowlist, not a
 * blocklist: a command nobody thought of is refused too).
 *
 * Built from what the starter templates use (`\frac \times \circ \pi \div \cdot \le \left \right`), the
 * MATH-500 problems and answers (`/work/shared/corpora/math500/`: fractions, roots, Greek, matrices,
 * cases, floor/ceiling, `\pmod`, `\binom`, accents, big operators, `\text`/`\mathbf`/`\operatorname`)
 * and the rest of KaTeX's ordinary symbol tables. `tests/template/tex-allowlist.test.ts` renders every
 * entry with KaTeX and compiles every entry with pdflatex, so an entry one of them lacks fails a test.
 */

/** Control words allowed in math, without the backslash. */
export const MATH_COMMANDS: ReadonlySet<string> = new Set(
  [
    // Greek
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho',
    'sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega',
    // Binary operators
    'pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot cap cup sqcap sqcup vee wedge setminus',
    'wr diamond bigtriangleup bigtriangledown triangleleft triangleright amalg dagger ddagger',
    // Relations
    'le leq ge geq neq ne equiv approx cong sim simeq propto parallel perp mid nmid subset supset subseteq supseteq',
    'subsetneq supsetneq in ni notin ll gg prec succ preceq succeq doteq models vdash dashv asymp bowtie smile frown',
    'leqslant geqslant lesssim gtrsim lneq gneq nleq ngeq approxeq sqsubseteq sqsupseteq',
    // Arrows
    'to gets leftarrow rightarrow Leftarrow Rightarrow leftrightarrow Leftrightarrow longrightarrow longleftarrow',
    'Longrightarrow Longleftarrow longleftrightarrow Longleftrightarrow mapsto longmapsto uparrow downarrow Uparrow',
    'Downarrow updownarrow Updownarrow nearrow searrow swarrow nwarrow implies iff impliedby hookrightarrow hookleftarrow',
    'rightleftharpoons leftharpoonup rightharpoonup',
    // Other symbols
    'infty nabla partial forall exists nexists neg lnot emptyset varnothing angle measuredangle sphericalangle triangle',
    'square blacksquare Box diamondsuit heartsuit clubsuit spadesuit prime backprime ell hbar Re Im aleph wp top bot',
    'checkmark therefore because dots ldots cdots vdots ddots dotsb dotsc dotsm dotsi dotso surd flat natural sharp',
    'lozenge blacklozenge bigstar blacktriangle triangledown complement',
    // Big operators and named functions
    'sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes bigodot bigvee bigwedge bigsqcup biguplus',
    'lim limsup liminf max min sup inf det gcd deg dim ker hom arg exp log ln lg sin cos tan cot sec csc arcsin arccos',
    'arctan sinh cosh tanh coth Pr',
    // Accents and decorations
    'hat widehat bar overline underline vec overrightarrow overleftarrow overleftrightarrow tilde widetilde dot ddot',
    'acute grave breve check mathring overbrace underbrace overset underset stackrel xrightarrow xleftarrow boxed',
    // Fractions, binomials, roots
    'frac dfrac tfrac cfrac binom dbinom tbinom sqrt over choose',
    // Fonts and text inside math
    'mathbf mathrm mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol text textbf textit textrm textsf texttt',
    'textup textnormal emph operatorname displaystyle textstyle scriptstyle scriptscriptstyle bf rm it',
    // Delimiters and their sizes
    'left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr langle rangle lfloor rfloor lceil rceil',
    'lvert rvert lVert rVert vert Vert backslash lbrace rbrace',
    // Spacing
    'quad qquad enspace thinspace medspace thickspace negthinspace negmedspace negthickspace hspace phantom hphantom',
    'vphantom',
    // Modular arithmetic, negation, environments (their names are checked separately), array rules
    'pmod bmod mod pod not begin end hline cr mathop mathbin mathrel mathord',
  ]
    .join(' ')
    .split(/\s+/),
);

/**
 * Commands only one of the two renderers knows, and what the LaTeX export prints instead: KaTeX's
 * `\bold`, `\Bbb`, `\degree`, `\lt`, `\gt`; LaTeX's `\mbox` (KaTeX lacks it; MATH-500 answers use it).
 */
export const MATH_REWRITES: Readonly<Record<string, string>> = {
  mbox: '\\text',
  bold: '\\mathbf',
  Bbb: '\\mathbb',
  degree: '^{\\circ}',
  lt: '<',
  gt: '>',
};

/** Environments `\begin{…}` may open in math. */
export const MATH_ENVIRONMENTS: ReadonlySet<string> = new Set(['matrix', 'pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix', 'smallmatrix', 'cases', 'array', 'aligned', 'gathered']);

/**
 * Control symbols (a backslash and one non-letter) allowed in math: spacing, escaped specials, `\|`.
 * `\\` is allowed inside an environment only (a row break); elsewhere it is printed as a space.
 */
export const MATH_SYMBOLS: ReadonlySet<string> = new Set([',', ';', ':', '!', ' ', '{', '}', '|', '%', '$', '#', '&', '_', '\\']);

/** Characters outside ASCII that are better written as a math command (LaTeX's utf8 maps them to text commands, invalid in math). */
export const UNICODE_MATH: Readonly<Record<string, string>> = {
  '×': '\\times ',
  '÷': '\\div ',
  '−': '-',
  '–': '-',
  '±': '\\pm ',
  '∓': '\\mp ',
  '·': '\\cdot ',
  '⋅': '\\cdot ',
  '°': '^\\circ ',
  '≤': '\\le ',
  '≥': '\\ge ',
  '≠': '\\ne ',
  '≈': '\\approx ',
  '≡': '\\equiv ',
  '∞': '\\infty ',
  '√': '\\surd ',
  '→': '\\to ',
  '←': '\\gets ',
  '⇒': '\\Rightarrow ',
  '⇔': '\\Leftrightarrow ',
  '∈': '\\in ',
  '∉': '\\notin ',
  '∪': '\\cup ',
  '∩': '\\cap ',
  '⊂': '\\subset ',
  '⊆': '\\subseteq ',
  '∅': '\\emptyset ',
  '∠': '\\angle ',
  '△': '\\triangle ',
  '⊥': '\\perp ',
  '∥': '\\parallel ',
  '′': "'",
  '″': "''",
  '…': '\\dots ',
  '∑': '\\sum ',
  '∏': '\\prod ',
  '∫': '\\int ',
  'α': '\\alpha ',
  'β': '\\beta ',
  'γ': '\\gamma ',
  'δ': '\\delta ',
  'ε': '\\varepsilon ',
  'θ': '\\theta ',
  'λ': '\\lambda ',
  'μ': '\\mu ',
  'π': '\\pi ',
  'ρ': '\\rho ',
  'σ': '\\sigma ',
  'τ': '\\tau ',
  'φ': '\\varphi ',
  'ω': '\\omega ',
  'Δ': '\\Delta ',
  'Σ': '\\Sigma ',
  'Ω': '\\Omega ',
};
