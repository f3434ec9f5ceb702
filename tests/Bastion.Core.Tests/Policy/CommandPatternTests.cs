using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

public class CommandPatternTests
{
    [Theory]
    [InlineData("uptime", "uptime", true)]
    [InlineData("uptime", "uptime -p", false)]
    [InlineData("uptime **", "uptime", true)]
    [InlineData("uptime **", "uptime -p -s", true)]
    [InlineData("** --no-preserve-root **", "rm -rf --no-preserve-root /", true)]
    [InlineData("** --no-preserve-root **", "rm -rf /", false)]
    [InlineData("systemctl * sshd*", "systemctl restart sshd.service", true)]
    [InlineData("systemctl * sshd*", "systemctl restart nginx", false)]
    [InlineData("systemctl * sshd*", "systemctl restart", false)]
    [InlineData("a ** b ** c", "a x b y b c", true)]
    [InlineData("a ** b ** c", "a b c", true)]
    [InlineData("a ** b ** c", "a c b", false)]
    [InlineData("** x **", "x", true)]
    [InlineData("cat /etc/*", "cat /etc/ssh/sshd_config", true)]
    [InlineData("cat /var/log/?.log", "cat /var/log/a.log", true)]
    [InlineData("cat /var/log/?.log", "cat /var/log/ab.log", false)]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", false)]
    public void Matches_WordsOneToOne_AndDoubleStarAnyNumber(string pattern, string argv, bool expected) =>
        CommandPattern.Parse(pattern).Matches(argv.Length == 0 ? [] : argv.Split(' ')).ShouldBe(expected);

    [Fact]
    public void Matches_QuotedWordWithSpaces_AsOneArgument()
    {
        var pattern = CommandPattern.Parse("grep \"two words\" **");
        pattern.Matches(["grep", "two words", "/x"]).ShouldBeTrue();
        pattern.Matches(["grep", "two", "words", "/x"]).ShouldBeFalse();
    }

    [Fact]
    public void Matches_EscapedWildcards_Literally()
    {
        var pattern = CommandPattern.Parse("echo \\* \\?");
        pattern.Matches(["echo", "*", "?"]).ShouldBeTrue();
        pattern.Matches(["echo", "x", "y"]).ShouldBeFalse();
        CommandPattern.Parse("echo \\*\\*").Matches(["echo", "**"]).ShouldBeTrue();
    }

    [Fact]
    public void Matches_EmptyArgument_OnlyWithAWordThatCanBeEmpty()
    {
        CommandPattern.Parse("echo \"\"").Matches(["echo", ""]).ShouldBeTrue();
        CommandPattern.Parse("echo *").Matches(["echo", ""]).ShouldBeTrue();
        CommandPattern.Parse("echo ?").Matches(["echo", ""]).ShouldBeFalse();
    }

    [Fact]
    public void Matches_StaysFast_OnManyDoubleStars()
    {
        var pattern = CommandPattern.Parse(string.Join(' ', Enumerable.Repeat("** a", 20)) + " b");
        var argv = Enumerable.Repeat("a", 256).ToArray();
        pattern.Matches(argv).ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "no words")]
    [InlineData("   ", "no words")]
    [InlineData("grep \"open", "not closed")]
    [InlineData("rm a**", "'**' must be a word of its own")]
    [InlineData("rm \"**\"", "'**' must be a word of its own")]
    [InlineData("rm \\", "lone backslash")]
    [InlineData("rm\tx", "control character")]
    public void Parse_RefusesBadPatterns_SayingWhy(string pattern, string message) =>
        Should.Throw<FormatException>(() => CommandPattern.Parse(pattern)).Message.ShouldContain(message);

    [Fact]
    public void HasLiteralProgram_IsFalse_ForAGlobbedOrDoubleStarProgram()
    {
        CommandPattern.Parse("nginx -t").HasLiteralProgram.ShouldBeTrue();
        CommandPattern.Parse("py* **").HasLiteralProgram.ShouldBeFalse();
        CommandPattern.Parse("** x").HasLiteralProgram.ShouldBeFalse();
    }
}
