using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

/// <summary>
/// Denies and path rules judge where a path leads once resolved against the working directory and the /proc aliases of
/// another directory: every spelling of the root, or of a disk, gets the same built-in refusal as the plain one.
/// </summary>
public class ResolvedPathDenyTests
{
    private static readonly Mode[] Modes = [Mode.ReadOnly, Mode.Operator, Mode.Admin];

    private static readonly CommandPolicy ShellEverywhere = CommandPolicy.Parse("rules:\n  - allow: [\"**\"]\n    shell: true\n", "allow-all.yaml");

    private static CommandDecision Run(string[] argv, string? cwd, Mode mode = Mode.Admin, CommandPolicy? policy = null) =>
        (policy ?? CommandPolicy.BuiltIn).Evaluate(new CommandCheck(null, argv, ["web"], mode, false, cwd));

    private static CommandDecision Run(string line, string? cwd, Mode mode = Mode.Admin, CommandPolicy? policy = null) =>
        (policy ?? CommandPolicy.BuiltIn).Evaluate(new CommandCheck(line, null, ["web"], mode, false, cwd));

    private static void ShouldBeBuiltInDeny(CommandDecision decision, string what)
    {
        decision.Verdict.ShouldBe(CommandVerdict.Refused, $"{what}: {decision.Reason}");
        decision.Reason.ShouldContain("a built-in deny", customMessage: what);
        decision.EffectiveArgv.ShouldBeNull();
    }

    public static TheoryData<string, string?> IssueExamples() => new()
    {
        { "rm -rf .", "/" },
        { "rm -rf ..", "/tmp" },
        { "rm -rf /proc/self/root/", null },
        { "rm -rf /proc/1/root/", null },
        { "rm -rf /proc/thread-self/root", "/srv" },
        { "rm -rf /proc/self/task/1/root/", "/srv" },
        { "rm -rf ./../..", "/srv/app" },
        { "rm -rf /proc/1/cwd", null },
        { "rm -rf /proc/1/cwd/", "/srv" },
        { "rm -rf .", null },
        { "rm -rf ..", null },
        { "rm -r -f -- ../../..", "/a/b" },
        { "rm -rf *", "/" },
        { "rm -rf ../*", "/etc" },
        { "rm -rf /proc/self/root/*", "/srv" },
        { "dd if=/dev/zero of=vda", "/dev" },
        { "dd if=/dev/zero of=../dev/vda", "/etc" },
        { "dd if=/dev/zero of=/proc/self/root/dev/vda", null },
        { "dd if=/dev/zero of=/proc/1/fd/3", "/srv" },
        { "dd if=/dev/zero of=disk/by-id/x", "/dev" },
        { "shred /proc/self/root/dev/vda", null },
        { "shred vda", "/dev" },
        { "shred ./vda", "/proc/self/root/dev" },
        { "shred /proc/1/cwd/vda", "/srv" },
        { "shred -n 1 ./../dev/sda", "/root" },
        { "find . -xdev -delete", "/" },
        { "find -L /proc/self/root -delete", "/srv" },
    };

    [Theory]
    [MemberData(nameof(IssueExamples))]
    public void Deny_RefusesTheResolvedTarget_InEveryMode(string line, string? cwd)
    {
        foreach (var mode in Modes)
        {
            ShouldBeBuiltInDeny(Run(line, cwd, mode), $"{line} in {cwd ?? "home"} ({mode})");
            ShouldBeBuiltInDeny(Run(line.Split(' '), cwd, mode), $"argv {line} in {cwd ?? "home"} ({mode})");
        }
    }

    [Theory]
    [InlineData("rm -rf ~")]
    [InlineData("rm -rf ~/")]
    [InlineData("rm -rf ~/..")]
    [InlineData("rm -rf ~root/..")]
    [InlineData("rm -rf $HOME")]
    [InlineData("rm -rf \"$HOME\"/")]
    [InlineData("rm -rf ${HOME}/..")]
    [InlineData("rm -rf $DIR/")]
    [InlineData("rm -rf \"$(pwd)\"")]
    [InlineData("rm -rf `pwd`/..")]
    [InlineData("dd if=/dev/zero of=$DISK")]
    [InlineData("cd / && rm -rf .")]
    [InlineData("cd /srv; rm -rf ../..")]
    [InlineData("pushd /dev; shred vda")]
    [InlineData("true && sh -c 'cd / && rm -rf .'")]
    public void Deny_RefusesExpansionsAndDirectoryChanges_WhereTheShellRuns(string line)
    {
        // Even where a rule lets every shell line through, in every directory given.
        foreach (var cwd in new[] { null, "/srv/app", "/tmp" })
        {
            ShouldBeBuiltInDeny(Run(line, cwd, Mode.Admin, ShellEverywhere), $"{line} in {cwd ?? "home"}");
        }
    }

    [Fact]
    public void ShellLine_WithACd_IsRefusedAsShellSyntax_WithoutAShellRule()
    {
        foreach (var mode in Modes)
        {
            var decision = Run("cd / && rm -rf data", "/srv", mode);
            decision.Verdict.ShouldBe(CommandVerdict.Refused);
            decision.Reason.ShouldContain("shell syntax");
        }
    }

    [Theory]
    [InlineData("chroot / rm -rf .")]
    [InlineData("nsenter -t 1 -m -r -w rm -rf .")]
    [InlineData("xargs rm -rf ..")]
    [InlineData("ip netns exec ns1 rm -rf .")]
    public void Deny_InsideAnotherProgramsArguments_CountsTheDirectoryAsUnknown(string line)
    {
        ShouldBeBuiltInDeny(Run(line.Split(' '), "/srv/app"), line);
    }

    [Theory]
    [InlineData("rm -rf data", "/srv/app")]
    [InlineData("rm -rf ./build/..", "/srv/app")]
    [InlineData("rm -rf /proc/self/root/srv/app/cache", null)]
    [InlineData("rm -rf cache", null)]
    [InlineData("dd if=/dev/zero of=disk.img bs=1M count=1", "/srv")]
    [InlineData("shred notes.txt", "/srv")]
    public void NonRootTargets_ReachAConfirmation_InAdminMode(string line, string? cwd)
    {
        var decision = Run(line.Split(' '), cwd);
        decision.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation, decision.Reason);
        decision.Reason.ShouldContain(cwd is null ? "in the user's home directory" : $"in {cwd}");
    }

    [Fact]
    public void Deny_OfAnUnknownTarget_SaysWhyAndWhatToGive()
    {
        var decision = Run(["shred", "notes.txt"], null);
        decision.Verdict.ShouldBe(CommandVerdict.Refused);
        decision.Reason.ShouldContain("give cwd");
    }

    [Theory]
    [InlineData("srv")]
    [InlineData("./srv")]
    [InlineData("")]
    public void RelativeWorkingDirectory_IsRefused(string cwd)
    {
        var decision = Run(["uptime"], cwd, Mode.ReadOnly);
        decision.Verdict.ShouldBe(CommandVerdict.Refused);
        decision.Reason.ShouldContain("not an absolute directory");
    }

    [Fact]
    public void WorkingDirectory_ThroughAnAlias_IsShownResolved()
    {
        var decision = Run(["rm", "-rf", "data"], "/proc/self/root/srv//app/");
        decision.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        decision.Reason.ShouldContain("(that is /srv/app)");
    }

    [Theory]
    [InlineData("rm -rf data", "/srv")]
    [InlineData("rm -rf ../data", "/srv/app")]
    [InlineData("rm -rf /proc/self/root/srv/data", null)]
    [InlineData("rm -rf /srv//./data/", null)]
    public void PolicyFileDeny_WithAPath_JudgesTheResolvedPath(string line, string? cwd)
    {
        var policy = CommandPolicy.Parse("deny: [\"rm ** /srv/data **\"]\n", "policy.yaml");
        var decision = Run(line.Split(' '), cwd, Mode.Admin, policy);
        decision.Verdict.ShouldBe(CommandVerdict.Refused, decision.Reason);
        decision.Reason.ShouldContain("policy.yaml");
    }

    [Fact]
    public void Allow_WithAPath_MatchesTheResolvedPath_AndNeverThroughDotDot()
    {
        var policy = CommandPolicy.Parse("rules:\n  - allow: [\"rm -rf /srv/app/cache/*\"]\n", "policy.yaml");
        Run(["rm", "-rf", "x"], "/srv/app/cache", Mode.Operator, policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        Run(["rm", "-rf", "/srv/app/cache/x"], null, Mode.Operator, policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        Run(["rm", "-rf", "/srv/app/cache/../../../etc"], null, Mode.Operator, policy).Verdict.ShouldBe(CommandVerdict.Refused);
        Run(["rm", "-rf", "../../etc"], "/srv/app/cache", Mode.Operator, policy).Verdict.ShouldBe(CommandVerdict.Refused);
    }

    [Fact]
    public void PolicyFileReadOnlyEntry_WithAPath_NeverReadsThroughDotDot()
    {
        var policy = CommandPolicy.Parse("readonly: [\"cat /srv/app/*\"]\n", "policy.yaml");
        Run(["cat", "/srv/app/app.log"], null, Mode.ReadOnly, policy).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        var escaped = Run(["cat", "/srv/app/../../etc/hosts"], null, Mode.ReadOnly, policy);
        escaped.Verdict.ShouldBe(CommandVerdict.Refused, escaped.Reason);
        Run(["cat", "/srv/app/logs/../../../etc/hosts"], "/srv", Mode.ReadOnly, policy).Verdict.ShouldBe(CommandVerdict.Refused);
    }

    [Theory]
    [InlineData("/proc/self/root/etc/shadow")]
    [InlineData("/proc/1/root/etc//shadow")]
    [InlineData("/proc/self/task/1/root/etc/shadow")]
    [InlineData("/proc/1/cwd/.env")]
    public void ReadOnlyReader_RefusesASecretReachedThroughAnAlias(string path)
    {
        var decision = Run(["cat", path], "/srv", Mode.ReadOnly);
        decision.Verdict.ShouldBe(CommandVerdict.Refused, decision.Reason);
        decision.Reason.ShouldContain("secret");
    }

    [Fact]
    public void Generated_SpellingsOfTheRoot_AreAllDenied()
    {
        // cwd × relative operand × alias × repeated slashes × trailing dots, for rm -rf; and the same for a disk with dd/shred.
        var count = 0;
        foreach (var (cwd, operand) in RootSpellings())
        {
            foreach (var mode in Modes)
            {
                ShouldBeBuiltInDeny(Run(["rm", "-rf", operand], cwd, mode), $"rm -rf {operand} in {cwd ?? "home"} ({mode})");
                count++;
            }
        }

        foreach (var (cwd, operand) in DiskSpellings())
        {
            ShouldBeBuiltInDeny(Run(["dd", "if=/dev/zero", $"of={operand}"], cwd), $"dd of={operand} in {cwd ?? "home"}");
            ShouldBeBuiltInDeny(Run(["shred", "-n", "1", operand], cwd), $"shred {operand} in {cwd ?? "home"}");
            count += 2;
        }

        count.ShouldBeGreaterThan(1000);
    }

    private static IEnumerable<(string? Cwd, string Operand)> RootSpellings()
    {
        string[] aliases = ["", "/proc/self/root", "/proc/1/root", "/proc/thread-self/root", "/proc/42/task/42/root", "/proc/self/root/proc/1/root"];
        string[] cwds = ["/", "/tmp", "/srv/app", "/a/b/c"];
        foreach (var cwd in cwds)
        {
            var depth = cwd.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
            foreach (var cwdAlias in aliases)
            {
                var given = cwdAlias.Length == 0 ? cwd : cwdAlias + cwd;
                foreach (var extra in new[] { 0, 1, 3 })
                {
                    var ups = Enumerable.Repeat("..", depth + extra);
                    foreach (var decorate in Decorations())
                    {
                        yield return (given, decorate(depth + extra == 0 ? "." : string.Join('/', ups)));
                        yield return (given, decorate("./" + string.Join('/', ups)));
                    }
                }
            }
        }

        foreach (var alias in aliases)
        {
            foreach (var decorate in Decorations())
            {
                yield return (null, decorate(alias + "/"));
                yield return ("/srv", decorate(alias + "/srv/.."));
            }
        }
    }

    private static IEnumerable<(string? Cwd, string Operand)> DiskSpellings()
    {
        string[] aliases = ["", "/proc/self/root", "/proc/1/root", "/proc/thread-self/root"];
        foreach (var alias in aliases)
        {
            foreach (var decorate in Decorations())
            {
                yield return (null, decorate(alias + "/dev/vda"));
                yield return ("/dev", decorate("vda"));
                yield return (alias + "/dev", decorate("./vda"));
                yield return ("/etc", decorate("../dev/vda"));
                yield return ("/srv/app", decorate(alias + "/srv/../dev/disk/by-id/x"));
            }
        }
    }

    /// <summary>Ways to spell the same path: as it is, with repeated slashes, with './' inside, with a trailing '/.' or '/'.</summary>
    private static IEnumerable<Func<string, string>> Decorations() =>
    [
        p => p,
        p => p.Replace("/", "//", StringComparison.Ordinal),
        p => p.Replace("/", "/./", StringComparison.Ordinal),
        p => p + "/.",
        p => p + "/",
        p => p.Replace("/", "///", StringComparison.Ordinal) + "/./",
    ];
}
