// Parse error messages in the words a Moneta user knows (chevrotain's defaults list token sequences).
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from '#chevrotain';

/** How a token reads in a message: its text, or what it stands for. */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  if (token.tokenType.name === 'Newline') return 'the end of the line';
  return `\`${token.image}\``;
}

export function labelOf(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  return type.LABEL ?? `\`${type.name}\``;
}

function joinOr(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  const shown = unique.slice(0, 6);
  const more = unique.length > shown.length ? ', …' : '';
  return `${shown.slice(0, -1).join(', ')}${more} or ${shown[shown.length - 1]}`;
}

export const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${labelOf(expected)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((p) => (p[0] ? labelOf(p[0]) : '')));
    if (ruleName === 'end') return `expected the end of the statement, found ${describeToken(actual[0])}`;
    return `expected ${joinOr(firsts.filter((f) => f !== ''))}, found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const firsts = expectedIterationPaths.map((p) => (p[0] ? labelOf(p[0]) : ''));
    return `expected ${joinOr(firsts.filter((f) => f !== ''))}, found ${describeToken(actual[0])}`;
  },
};
