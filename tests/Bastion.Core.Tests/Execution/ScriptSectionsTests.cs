using Bastion.Core.Execution;

namespace Bastion.Core.Tests.Execution;

public class ScriptSectionsTests
{
    [Fact]
    public async Task Sections_KeepEachOutputExactly_WithItsExitStatus()
    {
        var script = new ScriptSections()
            .Add("lines", "printf 'a\\nb\\n'")
            .Add("noeol", "printf 'x'")
            .Add("empty", "true")
            .Add("missing", "no-such-command-bastion")
            .Add("blank", "printf '\\n\\n'")
            .ToString();
        var result = await new LocalRunner().RunAsync(CommandRequest.Facts(script), CancellationToken.None);
        var sections = ScriptSections.Parse(result.Stdout);

        sections["lines"].Text.ShouldBe("a\nb\n");
        sections["noeol"].Text.ShouldBe("x");
        sections["empty"].Text.ShouldBe(string.Empty);
        sections["empty"].ExitCode.ShouldBe(0);
        sections["missing"].ExitCode.ShouldBe(127);
        sections["missing"].Text.ShouldBeEmpty();
        sections["blank"].Text.ShouldBe("\n\n");
    }

    [Fact]
    public void Parse_Throws_WhenASectionIsCutShort() =>
        Should.Throw<FormatException>(() => ScriptSections.Parse("@@bastion-begin stat\ncpu 1 2 3\n")).Message.ShouldContain("'stat'");

    [Fact]
    public void Parse_IgnoresNoiseOutsideSections() =>
        ScriptSections.Parse("motd\n@@bastion-begin a\n1\n\n@@bastion-end a 0\ntrailer\n")["a"].Text.ShouldBe("1\n");
}
