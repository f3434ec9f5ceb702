using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

public class ShellLineTests
{
    [Theory]
    [InlineData("uptime", new[] { "uptime" })]
    [InlineData("  df \t -h  ", new[] { "df", "-h" })]
    [InlineData("ls -la '/var/log/my dir'", new[] { "ls", "-la", "/var/log/my dir" })]
    [InlineData("grep \"a \\\"b\\\" \\\\c\" /x", new[] { "grep", "a \"b\" \\c", "/x" })]
    [InlineData("grep \"a\\nb\" /x", new[] { "grep", "a\\nb", "/x" })]
    [InlineData("grep \"\\$HOME \\`x\\`\" /x", new[] { "grep", "$HOME `x`", "/x" })]
    [InlineData("cat /var/log/my\\ file", new[] { "cat", "/var/log/my file" })]
    [InlineData("echo '' x", new[] { "echo", "", "x" })]
    [InlineData("grep 'h\u00e9llo; $(x) *' /x", new[] { "grep", "h\u00e9llo; $(x) *", "/x" })]
    [InlineData("'if' x", new[] { "if", "x" })]
    [InlineData("date +%Y-%m-%d", new[] { "date", "+%Y-%m-%d" })]
    [InlineData("journalctl --since=-1h -u a@b.service", new[] { "journalctl", "--since=-1h", "-u", "a@b.service" })]
    [InlineData("a'b'\"c\"d", new[] { "abcd" })]
    public void Parse_ReadsOneSimpleCommand_WithQuotesAndEscapes(string line, string[] argv)
    {
        var result = ShellLine.Parse(line);
        result.Features.ShouldBeEmpty();
        result.Argv.ShouldBe(argv);
    }

    [Fact]
    public void Parse_ReturnsNoWords_ForABlankLine() =>
        ShellLine.Parse(" \t ").Argv.ShouldBeEmpty();

    [Theory]
    [InlineData("a; b", "';' (command sequence)")]
    [InlineData("a && b", "'&&' (and-list)")]
    [InlineData("a || b", "'||' (or-list)")]
    [InlineData("a | b", "'|' (pipe)")]
    [InlineData("a |& b", "'|' (pipe)")]
    [InlineData("a & b", "'&' (background)")]
    [InlineData("a $(b)", "'$(…)' (command substitution)")]
    [InlineData("a $((1+1))", "'$((…))' (arithmetic expansion)")]
    [InlineData("a `b`", "backquotes (command substitution)")]
    [InlineData("a $HOME", "'$NAME' (variable expansion)")]
    [InlineData("a ${HOME}", "'${…}' (parameter expansion)")]
    [InlineData("a $'\\n'", "'$'…'' (ANSI-C quoting)")]
    [InlineData("a \"$HOME\"", "'$NAME' (variable expansion) inside double quotes")]
    [InlineData("a \"`b`\"", "backquotes (command substitution) inside double quotes")]
    [InlineData("a > f", "'>' (redirection)")]
    [InlineData("a >> f", "'>>' (redirection)")]
    [InlineData("a 2>&1", "'>' (redirection)")]
    [InlineData("a &> f", "'&>' (redirection)")]
    [InlineData("a < f", "'<' (redirection)")]
    [InlineData("a << EOF", "'<<' (here-document)")]
    [InlineData("a <<< x", "'<<<' (here-string)")]
    [InlineData("a <(b)", "'<(…)' (process substitution)")]
    [InlineData("a *", "'*' (glob)")]
    [InlineData("a f?", "'?' (glob)")]
    [InlineData("a [ab]", "'[' (glob)")]
    [InlineData("{a,b}", "'{' (brace group or expansion)")]
    [InlineData("(a)", "'(' (subshell)")]
    [InlineData("a ~", "'~' (tilde expansion)")]
    [InlineData("a # b", "'#' (comment)")]
    [InlineData("a\nb", "newline (second command)")]
    [InlineData("a\\\nb", "newline (second command)")]
    [InlineData("a '\nb'", "newline inside quotes")]
    [InlineData("a \"b\\\nc\"", "newline inside quotes")]
    [InlineData("a &", "'&' (background)")]
    [InlineData("a 'b", "unterminated quote")]
    [InlineData("a \"b", "unterminated quote")]
    [InlineData("a \\", "'\\' at the end of the line")]
    [InlineData("a\rb", "U+000D (control or invisible character)")]
    [InlineData("a\0b", "NUL character (U+0000)")]
    [InlineData("a '\u202e'", "U+202E (control or invisible character)")]
    [InlineData("a\u200bb", "U+200B (control or invisible character)")]
    [InlineData("a\uff1bb", "'\uff1b' U+FF1B (non-ASCII character outside quotes)")]
    [InlineData("a\u2024sh", "'\u2024' U+2024 (non-ASCII character outside quotes)")]
    [InlineData("a\u0338", "'\u0338' U+0338 (non-ASCII character outside quotes)")]
    [InlineData("\u0455udo x", "'\u0455' U+0455 (non-ASCII character outside quotes)")]
    [InlineData("a\\\uff1b", "'\uff1b' U+FF1B (non-ASCII character outside quotes)")]
    [InlineData("if a; then b; fi", "'if' (shell keyword)")]
    [InlineData("time a", "'time' (shell keyword)")]
    [InlineData("! a", "'!' (negation or history expansion)")]
    [InlineData("X=1 a", "'NAME=value' before the command (variable assignment)")]
    [InlineData("a =ls", "'=' at the start of a word (zsh path expansion)")]
    public void Parse_ReportsEveryFeature_ByName(string line, string feature)
    {
        var result = ShellLine.Parse(line);
        result.Argv.ShouldBeNull();
        result.Features.ShouldContain(feature);
    }

    [Fact]
    public void Parse_ListsEachFeatureOnce_InOrderOfAppearance()
    {
        var result = ShellLine.Parse("a | b; c | d > e");
        result.Features.ShouldBe(["'|' (pipe)", "';' (command sequence)", "'>' (redirection)"]);
    }

    [Fact]
    public void Parse_RefusesLinesOverTheLimit()
    {
        ShellLine.Parse(new string('a', ShellLine.MaxLength)).Argv.ShouldNotBeNull();
        var result = ShellLine.Parse(new string('a', ShellLine.MaxLength + 1));
        result.Argv.ShouldBeNull();
        result.Features.ShouldHaveSingleItem().ShouldContain("4097 characters");
    }

    [Fact]
    public void Parse_ThrowsOnNull() => Should.Throw<ArgumentNullException>(() => ShellLine.Parse(null!));
}
