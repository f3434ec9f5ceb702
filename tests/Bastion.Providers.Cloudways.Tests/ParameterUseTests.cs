using System.Text.Json;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// The shared "parameter not taken by this resource/action" check (Bastion.Providers' ParameterUse), as every provider's
/// grouped tools use it: on bound values inside a tool, and on a call's raw arguments before anyone is asked.
/// </summary>
public class ParameterUseTests
{
    public enum Move
    {
        Start,
        Stop,
        GitClone,
    }

    private static readonly ParameterUse<Move> Use = new ParameterUse<Move>(
        "action",
        ("force", [Move.Stop]),
        ("branch", [Move.GitClone]),
        ("hosts", [Move.Start, Move.Stop]))
        .Needs("branch", [Move.GitClone], "the branch to deploy, e.g. main");

    private static Dictionary<string, JsonElement> Args(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Check_RefusesAParameterTheChoiceDoesNotTake_NamingThoseThatDo()
    {
        var one = Should.Throw<BastionException>(() => Use.Check(Move.Start, ("force", true)));
        var two = Should.Throw<BastionException>(() => Use.Check(Move.GitClone, ("hosts", new[] { "a" }), ("branch", "main")));

        one.Message.ShouldBe("action 'start' does not take force; only stop does. Leave it out.");
        two.Message.ShouldBe("action 'git_clone' does not take hosts; only start, stop do. Leave it out.");
        Should.NotThrow(() => Use.Check(Move.Stop, ("force", false), ("branch", null), ("hosts", null)));
    }

    [Fact]
    public void Check_RefusesANeededParameterThatIsMissingOrBlank_SayingWhatItAccepts()
    {
        Should.Throw<BastionException>(() => Use.Check(Move.GitClone, ("branch", "  "))).Message.ShouldBe("action 'git_clone' needs branch: the branch to deploy, e.g. main.");
        Should.Throw<BastionException>(() => Use.Check(Move.GitClone, ("branch", null))).Message.ShouldStartWith("action 'git_clone' needs branch");
        Use.Need(Move.GitClone, "branch", " main ").ShouldBe("main");
    }

    [Fact]
    public void CheckOfArguments_TreatsNullAsNotGiven_AndBlankOrEmptyAsMissing()
    {
        Should.NotThrow(() => Use.Check(Args("""{"action":"start","force":null,"hosts":["a"]}""")));
        Should.Throw<BastionException>(() => Use.Check(Args("""{"action":"start","force":false}"""))).Message.ShouldStartWith("action 'start' does not take force");
        Should.Throw<BastionException>(() => Use.Check(Args("""{"action":"git_clone"}"""))).Message.ShouldStartWith("action 'git_clone' needs branch");
        Should.Throw<BastionException>(() => Use.Check(Args("""{"action":"git_clone","branch":""}"""))).Message.ShouldStartWith("action 'git_clone' needs branch");
        Should.NotThrow(() => Use.Check(Args("""{"action":"git_clone","branch":"main"}""")));
    }

    [Fact]
    public void CheckOfArguments_LeavesAMissingOrUnknownChoiceToTheSchema()
    {
        Should.NotThrow(() => Use.Check(Args("""{"force":true}""")));
        Should.NotThrow(() => Use.Check(Args("""{"action":"launch","force":true}""")));
        Use.Chosen(Args("""{"action":"git_clone"}""")).ShouldBe(Move.GitClone);
        Use.Chosen(Args("""{"action":"GitClone"}""")).ShouldBeNull();
    }
}
