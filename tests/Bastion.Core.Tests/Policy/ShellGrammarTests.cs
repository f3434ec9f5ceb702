using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

/// <summary>The two readers of shell lines (ShellLine for the allow path, ShellSegments for the deny scan) read quotes and keywords alike.</summary>
public class ShellGrammarTests
{
    public static TheoryData<string> Keywords()
    {
        var data = new TheoryData<string>();
        foreach (var keyword in ShellGrammar.Keywords.Order(StringComparer.Ordinal))
        {
            data.Add(keyword);
        }

        return data;
    }

    [Theory]
    [InlineData("grep \"a \\\"b\\\" \\\\c\" /x")]
    [InlineData("grep \"\\$HOME \\`x\\`\" /x")]
    [InlineData("grep \"a\\nb\" /x")]
    [InlineData("cat /var/log/my\\ file")]
    [InlineData("ls -la '/var/log/my dir' 'a\\b'")]
    [InlineData("a'b'\"c\"d")]
    public void ShellSegments_ReadsALineWithoutShellSyntax_AsTheWordsShellLineReads(string line)
    {
        var argv = ShellLine.Parse(line).Argv.ShouldNotBeNull();
        ShellSegments.Split(line).ShouldHaveSingleItem().ShouldBe(argv);
    }

    [Fact]
    public void ShellSegments_DropsABackslashNewlineInsideDoubleQuotes_AsShDoes() =>
        ShellSegments.Split("\"r\\\nm\" -rf /").ShouldHaveSingleItem().ShouldBe(["rm", "-rf", "/"]);

    [Theory]
    [MemberData(nameof(Keywords))]
    public void BothReaders_TakeEveryKeyword_ForAKeyword(string keyword)
    {
        var parsed = ShellLine.Parse($"{keyword} uptime");
        parsed.Argv.ShouldBeNull();
        if (char.IsAsciiLetter(keyword[0]))
        {
            parsed.Features.ShouldContain($"'{keyword}' (shell keyword)");
        }

        ShellSegments.Split($"{keyword} uptime -p").ShouldHaveSingleItem().ShouldBe(["uptime", "-p"]);
    }
}
