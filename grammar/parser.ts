// The Moneta grammar (SPEC §3) as a pure chevrotain CstParser: no embedded actions; the only predicates are
// GATEs that keep a missing amount from swallowing the next keyword (so `buy mbs monthly` reports a missing
// amount instead of parsing `monthly` as the amount).
//
// Parsing has a time budget (SPEC §7), which shapes three choices:
// - Expressions are flat here — operands separated by binary operators — and src/lang builds the tree by
//   the precedence table of §3 (or < and < not < comparison < + - < * / < unary - < postfix). A ten-level
//   rule chain would create ten CST nodes per operand.
// - Every OR's alternatives are built once (the `…Alts` fields), as chevrotain's performance guide advises;
//   a fresh array of closures on every call made parsing bound by garbage collection.
// - Small pieces (a statement's end, an operand's primary, an operation's amount) are parts of the rule
//   around them rather than rules of their own; labels (`amount`, `rate` …) name them in the CST.
import { CstParser, EMPTY_ALT, EOF, type IToken, type TokenType } from '#chevrotain';
import { messageProvider } from './messages.js';
import * as T from './tokens.js';

const AMOUNT_FOLLOWERS: ReadonlySet<TokenType> = new Set([
  T.Daily,
  T.Weekly,
  T.Monthly,
  T.Quarterly,
  T.Every,
  T.By,
  T.From,
  T.To,
  T.For,
  T.At,
  T.Cash,
]);

/** True when the next token can start an amount (and is not a keyword that follows a missing one). */
function amountAhead(t: IToken): boolean {
  return !AMOUNT_FOLLOWERS.has(t.tokenType);
}

function atBlockEnd(t: IToken): boolean {
  return t.tokenType === T.RCurly || t.tokenType === EOF;
}

export class MonetaParser extends CstParser {
  constructor(options: { validate?: boolean } = {}) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      maxLookahead: 1,
      errorMessageProvider: messageProvider,
      // Grammar validation costs tens of milliseconds at start-up; the test suite runs it (validate: true).
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  // ---- Program and statements -----------------------------------------------------------------------

  private readonly endAlts = [
    { ALT: () => this.CONSUME(T.Terminator) },
    { GATE: () => atBlockEnd(this.LA(1)), ALT: EMPTY_ALT() },
  ];

  /**
   * What must follow a statement: a newline or `;`, or nothing before `}` and the end of the file. A rule of
   * its own because chevrotain re-synchronises at rule boundaries: an error here skips to the next line.
   */
  end = this.RULE('end', () => {
    this.OR(this.endAlts);
  });

  /** A line of a program or block: a statement and its end, or nothing. */
  private readonly lineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.statement);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  program = this.RULE('program', () => {
    this.MANY(() => this.OR(this.lineAlts));
  });

  private readonly statementAlts = [
    { ALT: () => this.SUBRULE(this.titleStatement) },
    { ALT: () => this.SUBRULE(this.useStatement) },
    { ALT: () => this.SUBRULE(this.simulateStatement) },
    { ALT: () => this.SUBRULE(this.seedStatement) },
    { ALT: () => this.SUBRULE(this.letStatement) },
    { ALT: () => this.SUBRULE(this.paramStatement) },
    { ALT: () => this.SUBRULE(this.economyDeclaration) },
    { ALT: () => this.SUBRULE(this.setStatement) },
    { ALT: () => this.SUBRULE(this.reserveRequirement) },
    { ALT: () => this.SUBRULE(this.remunerate) },
    { ALT: () => this.SUBRULE(this.tradeStatement) },
    { ALT: () => this.SUBRULE(this.holdStatement) },
    { ALT: () => this.SUBRULE(this.runoffStatement) },
    { ALT: () => this.SUBRULE(this.lendStatement) },
    { ALT: () => this.SUBRULE(this.repayStatement) },
    { ALT: () => this.SUBRULE(this.payStatement) },
    { ALT: () => this.SUBRULE(this.cashStatement) },
    { ALT: () => this.SUBRULE(this.offerStatement) },
    { ALT: () => this.SUBRULE(this.treasuryStatement) },
    { ALT: () => this.SUBRULE(this.postStatement) },
    { ALT: () => this.SUBRULE(this.onStatement) },
    { ALT: () => this.SUBRULE(this.whenStatement) },
    { ALT: () => this.SUBRULE(this.everyStatement) },
    { ALT: () => this.SUBRULE(this.expectStatement) },
    { ALT: () => this.SUBRULE(this.reportStatement) },
    { ALT: () => this.SUBRULE(this.showStatement) },
  ];

  statement = this.RULE('statement', () => {
    this.OR(this.statementAlts);
  });

  block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.lineAlts));
    this.CONSUME(T.RCurly);
  });

  // ---- Headers ------------------------------------------------------------------------------------------

  titleStatement = this.RULE('titleStatement', () => {
    this.CONSUME(T.Title);
    this.CONSUME(T.StringLit);
  });

  private readonly useAlts = [
    { ALT: () => this.CONSUME(T.StringLit) },
    { ALT: () => this.SUBRULE(this.dottedName) },
  ];

  useStatement = this.RULE('useStatement', () => {
    this.CONSUME(T.Use);
    this.OR(this.useAlts);
  });

  simulateStatement = this.RULE('simulateStatement', () => {
    this.CONSUME(T.Simulate);
    this.CONSUME(T.From);
    this.CONSUME(T.DateLit);
    this.CONSUME(T.To);
    this.CONSUME2(T.DateLit);
  });

  seedStatement = this.RULE('seedStatement', () => {
    this.CONSUME(T.Seed);
    this.CONSUME(T.NumberLit);
  });

  letStatement = this.RULE('letStatement', () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  paramStatement = this.RULE('paramStatement', () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.In);
      this.SUBRULE2(this.expression, { LABEL: 'lo' });
      this.CONSUME(T.DotDot);
      this.SUBRULE3(this.expression, { LABEL: 'hi' });
    });
  });

  dottedName = this.RULE('dottedName', () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  // ---- The economy ------------------------------------------------------------------------------------

  private readonly economyLineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.economyItem);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  economyDeclaration = this.RULE('economyDeclaration', () => {
    this.CONSUME(T.Economy);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.economyLineAlts));
    this.CONSUME(T.RCurly);
  });

  private readonly economyItemAlts = [
    { ALT: () => this.SUBRULE(this.currencyItem) },
    { ALT: () => this.SUBRULE(this.unitItem) },
    { ALT: () => this.SUBRULE(this.agentItem) },
    { ALT: () => this.SUBRULE(this.publicItem) },
    { ALT: () => this.SUBRULE(this.firmItem) },
    { ALT: () => this.SUBRULE(this.groupItem) },
    { ALT: () => this.SUBRULE(this.maintenanceItem) },
    { ALT: () => this.SUBRULE(this.setStatement) },
    { ALT: () => this.SUBRULE(this.reserveRequirement) },
    { ALT: () => this.SUBRULE(this.remunerate) },
  ];

  economyItem = this.RULE('economyItem', () => {
    this.OR(this.economyItemAlts);
  });

  currencyItem = this.RULE('currencyItem', () => {
    this.CONSUME(T.Currency);
    this.CONSUME(T.CurrencyCode);
  });

  unitItem = this.RULE('unitItem', () => {
    this.CONSUME(T.Unit);
    this.SUBRULE(this.expression);
  });

  private readonly agentKindAlts = [
    { ALT: () => this.CONSUME(T.CentralBank) },
    { ALT: () => this.CONSUME(T.Treasury) },
    { ALT: () => this.CONSUME(T.Bank) },
    { ALT: () => this.CONSUME(T.Lender) },
  ];

  /** central_bank, treasury, bank and lender: a kind, a name and optional holdings. */
  agentItem = this.RULE('agentItem', () => {
    this.OR(this.agentKindAlts);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.holdings));
  });

  publicItem = this.RULE('publicItem', () => {
    this.CONSUME(T.Public);
    this.OPTION(() => this.CONSUME(T.Identifier));
    this.OPTION2(() => this.SUBRULE(this.holdings));
  });

  firmItem = this.RULE('firmItem', () => {
    this.CONSUME(T.Firm);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Banks);
      this.CONSUME(T.With);
      this.CONSUME2(T.Identifier, { LABEL: 'homeBank' });
    });
    this.OPTION2(() => this.SUBRULE(this.holdings));
  });

  /** `banks community 4000 { … sizes lognormal 1.0 }`: a group of banks and its aggregate holdings. */
  groupItem = this.RULE('groupItem', () => {
    this.CONSUME(T.Banks);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.NumberLit);
    this.SUBRULE(this.holdings);
  });

  private readonly maintenanceLengthAlts = [
    { ALT: () => this.SUBRULE(this.duration) },
    { ALT: () => this.CONSUME(T.Monthly) },
  ];

  maintenanceItem = this.RULE('maintenanceItem', () => {
    this.CONSUME(T.Maintenance);
    this.OR(this.maintenanceLengthAlts);
    this.OPTION(() => {
      this.CONSUME(T.From);
      this.CONSUME(T.DateLit);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Lag);
      this.SUBRULE2(this.duration, { LABEL: 'lag' });
    });
  });

  private readonly holdingLineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.holding);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  holdings = this.RULE('holdings', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.holdingLineAlts));
    this.CONSUME(T.RCurly);
  });

  // Keyword items come first: `lends`, `yield` … are also names, so the last alternative matches them too.
  private readonly holdingAlts = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Lends);
          this.CONSUME(T.Identifier);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Yield);
          this.CONSUME2(T.Identifier);
          this.SUBRULE2(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Maturity);
          this.CONSUME3(T.Identifier);
          this.SUBRULE(this.duration);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Sizes);
          this.CONSUME4(T.Identifier);
          this.CONSUME(T.NumberLit);
        },
      },
      { ALT: () => this.CONSUME(T.Ineligible) },
      { ALT: () => this.CONSUME(T.RrpAccess) },
      {
        ALT: () => {
          this.CONSUME5(T.Identifier);
          this.SUBRULE3(this.expression);
        },
      },
    ],
  };

  holding = this.RULE('holding', () => {
    this.OR(this.holdingAlts);
  });

  // ---- Policy -----------------------------------------------------------------------------------------

  setStatement = this.RULE('setStatement', () => {
    this.CONSUME(T.Set);
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.To);
      this.SUBRULE2(this.expression, { LABEL: 'to' });
    });
  });

  private readonly trancheLineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.tranche);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  reserveRequirement = this.RULE('reserveRequirement', () => {
    this.CONSUME(T.ReserveRequirement);
    this.OPTION(() => {
      this.CONSUME(T.On);
      this.CONSUME(T.Identifier);
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.trancheLineAlts));
    this.CONSUME(T.RCurly);
  });

  private readonly trancheAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Up);
        this.CONSUME(T.To);
        this.SUBRULE(this.expression);
      },
    },
    { ALT: () => this.CONSUME(T.Above) },
  ];

  tranche = this.RULE('tranche', () => {
    this.CONSUME(T.PercentLit);
    this.OR(this.trancheAlts);
  });

  private readonly tierLineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.tier);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  remunerate = this.RULE('remunerate', () => {
    this.CONSUME(T.Remunerate);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.tierLineAlts));
    this.CONSUME(T.RCurly);
  });

  private readonly tierBaseAlts = [
    { ALT: () => this.CONSUME(T.Required) },
    { ALT: () => this.CONSUME(T.Excess) },
    { ALT: () => this.CONSUME(T.Reserves) },
    { ALT: () => this.CONSUME(T.Rest) },
  ];

  tier = this.RULE('tier', () => {
    this.OR(this.tierBaseAlts);
    this.OPTION(() => {
      this.CONSUME(T.Up);
      this.CONSUME(T.To);
      this.SUBRULE(this.expression, { LABEL: 'upTo' });
    });
    this.CONSUME(T.At);
    this.SUBRULE2(this.expression, { LABEL: 'rate' });
  });

  // ---- Operations -------------------------------------------------------------------------------------

  /** An amount that may be missing: the checker then reports it, with the grammar's help. */
  private readonly amountOption = {
    GATE: () => amountAhead(this.LA(1)),
    DEF: () => this.SUBRULE9(this.expression, { LABEL: 'amount' }),
  };

  private readonly tradeAlts = [{ ALT: () => this.CONSUME(T.Buy) }, { ALT: () => this.CONSUME(T.Sell) }];

  tradeStatement = this.RULE('tradeStatement', () => {
    this.OR(this.tradeAlts);
    this.CONSUME(T.Identifier);
    this.OPTION(this.amountOption);
    this.OPTION2(() => this.SUBRULE(this.schedule));
    this.OPTION3(() => this.SUBRULE(this.counterparty));
  });

  private readonly directionAlts = [{ ALT: () => this.CONSUME(T.From) }, { ALT: () => this.CONSUME(T.To) }];

  /** `from banks` / `to public`. */
  counterparty = this.RULE('counterparty', () => {
    this.OR(this.directionAlts);
    this.CONSUME(T.Identifier);
  });

  holdStatement = this.RULE('holdStatement', () => {
    this.CONSUME(T.Hold);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.At);
    this.SUBRULE(this.expression);
  });

  runoffStatement = this.RULE('runoffStatement', () => {
    this.CONSUME(T.Runoff);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Cap);
      this.SUBRULE(this.expression);
      this.SUBRULE(this.frequency);
    });
  });

  lendStatement = this.RULE('lendStatement', () => {
    this.CONSUME(T.Lend);
    this.OPTION(this.amountOption);
    this.OPTION2(() => {
      this.CONSUME(T.From);
      this.CONSUME(T.Identifier, { LABEL: 'lender' });
    });
    this.CONSUME(T.To);
    this.CONSUME2(T.Identifier, { LABEL: 'borrower' });
    this.OPTION3(() => {
      this.CONSUME(T.At);
      this.SUBRULE(this.expression, { LABEL: 'rate' });
    });
    this.OPTION4(() => {
      this.CONSUME(T.For);
      this.SUBRULE(this.duration);
    });
    this.OPTION5(() => this.SUBRULE(this.schedule));
  });

  repayStatement = this.RULE('repayStatement', () => {
    this.CONSUME(T.Repay);
    this.OPTION(this.amountOption);
    this.CONSUME(T.From);
    this.CONSUME(T.Identifier);
    this.OPTION2(() => {
      this.CONSUME(T.To);
      this.CONSUME2(T.Identifier, { LABEL: 'to' });
    });
  });

  payStatement = this.RULE('payStatement', () => {
    this.CONSUME(T.Pay);
    this.OPTION(this.amountOption);
    this.CONSUME(T.From);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.To);
    this.CONSUME2(T.Identifier, { LABEL: 'to' });
  });

  private readonly cashAlts = [
    { ALT: () => this.CONSUME(T.Withdraw) },
    { ALT: () => this.CONSUME(T.Deposit) },
  ];

  cashStatement = this.RULE('cashStatement', () => {
    this.OR(this.cashAlts);
    this.OPTION(this.amountOption);
    this.CONSUME(T.Cash);
    this.OPTION2(() => {
      this.CONSUME(T.By);
      this.CONSUME(T.Identifier);
    });
  });

  private readonly facilityAlts = [
    { ALT: () => this.CONSUME(T.TermDeposits) },
    { ALT: () => this.CONSUME(T.ReverseRepos) },
  ];

  private readonly offerAmountAlts = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { ALT: () => this.CONSUME(T.Unlimited) },
      { ALT: () => this.SUBRULE9(this.expression, { LABEL: 'amount' }) },
    ],
  };

  offerStatement = this.RULE('offerStatement', () => {
    this.CONSUME(T.Offer);
    this.OR(this.facilityAlts);
    this.OPTION({ GATE: () => amountAhead(this.LA(1)), DEF: () => this.OR2(this.offerAmountAlts) });
    this.OPTION2(() => {
      this.CONSUME(T.For);
      this.SUBRULE(this.duration);
    });
    this.CONSUME(T.At);
    this.SUBRULE(this.expression, { LABEL: 'rate' });
    this.OPTION3(() => this.SUBRULE(this.schedule));
  });

  private readonly treasuryActionAlts = [
    { ALT: () => this.CONSUME(T.Issue) },
    { ALT: () => this.CONSUME(T.Redeem) },
    { ALT: () => this.CONSUME(T.Spend) },
    { ALT: () => this.CONSUME(T.Tax) },
  ];

  treasuryStatement = this.RULE('treasuryStatement', () => {
    this.CONSUME(T.Treasury);
    this.OR(this.treasuryActionAlts);
    this.OPTION(this.amountOption);
    this.OPTION2(() => {
      this.CONSUME(T.For);
      this.CONSUME(T.Sfp);
    });
    this.OPTION3(() => this.SUBRULE(this.schedule));
    this.OPTION4(() => this.SUBRULE(this.counterparty));
  });

  private readonly postLineAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.postEntry);
        this.SUBRULE(this.end);
      },
    },
    { ALT: () => this.CONSUME2(T.Terminator) },
  ];

  postStatement = this.RULE('postStatement', () => {
    this.CONSUME(T.Post);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.OR(this.postLineAlts));
    this.CONSUME(T.RCurly);
  });

  private readonly signAlts = [{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }];

  postEntry = this.RULE('postEntry', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Dot);
    this.CONSUME2(T.Identifier, { LABEL: 'instrument' });
    this.OR(this.signAlts);
    this.SUBRULE(this.expression);
  });

  private readonly scheduleAlts = [
    {
      ALT: () => {
        this.SUBRULE(this.frequency);
        this.SUBRULE(this.window);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.By);
        this.CONSUME(T.DateLit);
      },
    },
  ];

  schedule = this.RULE('schedule', () => {
    this.OR(this.scheduleAlts);
  });

  // `from DATE` here, `from banks` after it: the date decides.
  private readonly windowFrom = {
    GATE: () => this.LA(2).tokenType === T.DateLit,
    DEF: () => {
      this.CONSUME(T.From);
      this.CONSUME(T.DateLit, { LABEL: 'from' });
    },
  };

  /** `[from DATE] [until DATE]` after a frequency. */
  window = this.RULE('window', () => {
    this.OPTION(this.windowFrom);
    this.OPTION2(() => {
      this.CONSUME(T.Until);
      this.CONSUME2(T.DateLit, { LABEL: 'until' });
    });
  });

  private readonly frequencyAlts = [
    { ALT: () => this.CONSUME(T.Frequency) },
    {
      ALT: () => {
        this.CONSUME(T.Every);
        this.CONSUME(T.NumberLit);
        this.CONSUME(T.DurationUnit);
      },
    },
  ];

  frequency = this.RULE('frequency', () => {
    this.OR(this.frequencyAlts);
  });

  duration = this.RULE('duration', () => {
    this.CONSUME(T.NumberLit);
    this.CONSUME(T.DurationUnit);
  });

  // ---- Control ----------------------------------------------------------------------------------------

  private readonly onBodyAlts = [
    { ALT: () => this.SUBRULE(this.block) },
    { ALT: () => this.SUBRULE(this.statement) },
  ];

  onStatement = this.RULE('onStatement', () => {
    this.CONSUME(T.On);
    this.CONSUME(T.DateLit);
    this.OR(this.onBodyAlts);
  });

  whenStatement = this.RULE('whenStatement', () => {
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
  });

  everyStatement = this.RULE('everyStatement', () => {
    this.CONSUME(T.Every);
    this.SUBRULE(this.period);
    this.SUBRULE(this.block);
  });

  private readonly periodAlts = [
    { ALT: () => this.CONSUME(T.Day) },
    { ALT: () => this.CONSUME(T.BusinessDay) },
    { ALT: () => this.CONSUME(T.Week) },
    { ALT: () => this.CONSUME(T.Month) },
    { ALT: () => this.CONSUME(T.Quarter) },
    { ALT: () => this.SUBRULE(this.duration) },
  ];

  period = this.RULE('period', () => {
    this.OR(this.periodAlts);
  });

  // ---- Checks and output ------------------------------------------------------------------------------

  expectStatement = this.RULE('expectStatement', () => {
    this.CONSUME(T.Expect);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.Within);
      this.SUBRULE2(this.expression, { LABEL: 'within' });
    });
    this.OPTION2(() => this.SUBRULE(this.checkTime));
  });

  private readonly checkTimeAlts = [
    {
      ALT: () => {
        this.CONSUME(T.On);
        this.CONSUME(T.DateLit);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.At);
        this.CONSUME(T.End);
      },
    },
    { ALT: () => this.CONSUME(T.Always) },
    {
      ALT: () => {
        this.SUBRULE(this.frequency);
        this.SUBRULE(this.window);
      },
    },
  ];

  /** When an expectation is checked. */
  checkTime = this.RULE('checkTime', () => {
    this.OR(this.checkTimeAlts);
  });

  private readonly seriesList = { SEP: T.Comma, DEF: () => this.SUBRULE(this.series) };

  reportStatement = this.RULE('reportStatement', () => {
    this.CONSUME(T.Report);
    this.AT_LEAST_ONE_SEP(this.seriesList);
    this.OPTION(() => this.SUBRULE(this.frequency));
    this.OPTION2(() => {
      this.CONSUME(T.To);
      this.CONSUME(T.StringLit);
    });
  });

  series = this.RULE('series', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME(T.StringLit);
    });
  });

  private readonly partyList = { SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) };

  showStatement = this.RULE('showStatement', () => {
    this.CONSUME(T.Show);
    this.CONSUME(T.BalanceSheets);
    this.OPTION(() => {
      this.CONSUME(T.Of);
      this.AT_LEAST_ONE_SEP(this.partyList);
    });
    this.CONSUME(T.On);
    this.CONSUME(T.DateLit);
  });

  // ---- Expressions ------------------------------------------------------------------------------------

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.CONSUME(T.BinaryOp);
      this.SUBRULE2(this.operand);
    });
  });

  private readonly primaryAlts = [
    {
      ALT: () => {
        this.CONSUME(T.NumberLit);
        this.OPTION(() => this.OR2(this.unitAlts));
      },
    },
    { ALT: () => this.CONSUME(T.PercentLit) },
    { ALT: () => this.CONSUME(T.BpLit) },
    { ALT: () => this.CONSUME(T.DateLit) },
    { ALT: () => this.CONSUME(T.StringLit) },
    {
      ALT: () => {
        this.CONSUME(T.Identifier);
        this.OPTION2(() => this.SUBRULE(this.callArguments));
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.LParen);
        this.SUBRULE(this.expression);
        this.CONSUME(T.RParen);
      },
    },
  ];

  private readonly unitAlts = [
    { ALT: () => this.CONSUME(T.CurrencyCode) },
    { ALT: () => this.CONSUME(T.DurationUnit) },
  ];

  /** Prefix operators (`-`, `not`), a primary (literal, name, call, parenthesised expression), `.name`s. */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(T.PrefixOp));
    this.OR(this.primaryAlts);
    this.MANY2(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier, { LABEL: 'member' });
    });
  });

  private readonly argumentList = { SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) };

  callArguments = this.RULE('callArguments', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP(this.argumentList);
    this.CONSUME(T.RParen);
  });
}

let instance: MonetaParser | undefined;

/** The one parser instance (building one analyses the grammar, which is the slow part). */
export function parserInstance(): MonetaParser {
  instance ??= new MonetaParser();
  return instance;
}
