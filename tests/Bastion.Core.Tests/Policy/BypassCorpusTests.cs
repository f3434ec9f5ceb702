using System.Text.Json;
using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

/// <summary>Runs every attempt of Fixtures/policy/bypass-corpus.txt against the policy.</summary>
public class BypassCorpusTests
{
    private static readonly CommandPolicy EverythingAllowed = CommandPolicy.Parse("rules:\n  - allow: [\"**\"]\n", "allow-all.yaml");

    public static TheoryData<int, string> Attempts()
    {
        var data = new TheoryData<int, string>();
        var lines = Fixture.Read("policy/bypass-corpus.txt").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('{'))
            {
                data.Add(i + 1, lines[i]);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_HoldsAtLeastSixtyAttempts_EachWithAReason()
    {
        var attempts = Attempts();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(60);
        foreach (var row in attempts)
        {
            var json = (string)row[1];
            using var document = JsonDocument.Parse(json);
            document.RootElement.GetProperty("why").GetString().ShouldNotBeNullOrWhiteSpace(json);
        }
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Attempt_IsRefused_InReadOnlyMode(int line, string json)
    {
        var decision = CommandPolicy.BuiltIn.Evaluate(Check(json, Mode.ReadOnly, out _));
        decision.Verdict.ShouldBe(CommandVerdict.Refused, $"line {line}: {decision.Reason}");
        decision.Reason.ShouldNotBeNullOrWhiteSpace();
        decision.EffectiveArgv.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Attempt_IsRefused_InOperatorMode_WithoutARule(int line, string json)
    {
        var decision = CommandPolicy.BuiltIn.Evaluate(Check(json, Mode.Operator, out _));
        decision.Verdict.ShouldBe(CommandVerdict.Refused, $"line {line}: {decision.Reason}");
        decision.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Attempt_InAdminMode_IsRefusedWhenMarked_AndOtherwiseNeedsConfirmation(int line, string json)
    {
        var decision = CommandPolicy.BuiltIn.Evaluate(Check(json, Mode.Admin, out var refusedInAdmin));
        decision.Verdict.ShouldBe(refusedInAdmin ? CommandVerdict.Refused : CommandVerdict.NeedsConfirmation, $"line {line}: {decision.Reason}");
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Attempt_UnderAnAllowEverythingRule_FaresAsInAdminMode_ExceptForUnsafeVariables(int line, string json)
    {
        var decision = EverythingAllowed.Evaluate(Check(json, Mode.Operator, out var refusedInAdmin));
        var unsafeEnvironment = json.Contains("\"unsafe_env\": true", StringComparison.Ordinal);
        decision.Verdict.ShouldBe(refusedInAdmin || unsafeEnvironment ? CommandVerdict.Refused : CommandVerdict.NeedsConfirmation, $"line {line}: {decision.Reason}");
    }

    private static CommandCheck Check(string json, Mode mode, out bool refusedInAdmin)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var times = root.TryGetProperty("times", out var t) ? t.GetInt32() : 1;
        var maySudo = root.TryGetProperty("sudo", out var s) && s.GetBoolean();
        refusedInAdmin = root.TryGetProperty("admin", out var a) && a.GetBoolean();
        if (root.TryGetProperty("line", out var line))
        {
            return new CommandCheck(string.Concat(Enumerable.Repeat(line.GetString()!, times)), null, ["web"], mode, maySudo);
        }

        var argv = root.GetProperty("argv").EnumerateArray().Select(e => e.GetString()!).ToList();
        while (argv.Count > 0 && argv.Count < times)
        {
            argv.Add(argv[^1]);
        }

        return new CommandCheck(null, argv, ["web"], mode, maySudo);
    }
}
