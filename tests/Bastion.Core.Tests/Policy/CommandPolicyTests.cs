using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

public class CommandPolicyTests
{
    private const string WebPolicy = """
        readonly: ["docker stats --no-stream **", "python3 **", "mytool **"]
        deny: ["** --no-preserve-root **"]
        rules:
          - groups: [web]
            allow: ["systemctl restart nginx", "systemctl reload nginx", "systemctl restart *"]
            deny: ["systemctl * sshd*"]
          - groups: [ops]
            allow: ["reboot"]
            shell: true
          - allow: ["apt-get update"]
        """;

    private static readonly CommandPolicy Policy = CommandPolicy.Parse(WebPolicy, "policy.yaml");

    private static CommandDecision Line(string line, Mode mode = Mode.ReadOnly, string[]? groups = null, bool maySudo = false, CommandPolicy? policy = null) =>
        (policy ?? CommandPolicy.BuiltIn).Evaluate(new CommandCheck(line, null, groups ?? ["web"], mode, maySudo));

    private static CommandDecision Argv(string[] argv, Mode mode = Mode.ReadOnly, string[]? groups = null, bool maySudo = false, CommandPolicy? policy = null) =>
        (policy ?? CommandPolicy.BuiltIn).Evaluate(new CommandCheck(null, argv, groups ?? ["web"], mode, maySudo));

    [Theory]
    [InlineData("uptime")]
    [InlineData("df -h")]
    [InlineData("df -i")]
    [InlineData("free -m")]
    [InlineData("ps aux")]
    [InlineData("ps -eo pid,user,comm")]
    [InlineData("ps axo user,pid")]
    [InlineData("ss -tlnp")]
    [InlineData("ss -s")]
    [InlineData("netstat -tlnp")]
    [InlineData("ip -br addr")]
    [InlineData("ip -4 a show dev eth0")]
    [InlineData("ip route get 1.1.1.1")]
    [InlineData("ip netns list")]
    [InlineData("lsblk -f")]
    [InlineData("findmnt")]
    [InlineData("mount")]
    [InlineData("uname -a")]
    [InlineData("hostname")]
    [InlineData("hostname -f")]
    [InlineData("id")]
    [InlineData("who")]
    [InlineData("last -n 5")]
    [InlineData("date")]
    [InlineData("date +%s")]
    [InlineData("date -u +%FT%T")]
    [InlineData("timedatectl")]
    [InlineData("hostnamectl status")]
    [InlineData("systemctl status nginx")]
    [InlineData("systemctl --no-pager -l status nginx")]
    [InlineData("systemctl list-units --failed --no-pager")]
    [InlineData("systemctl is-active nginx")]
    [InlineData("systemctl show -p ActiveState nginx")]
    [InlineData("systemctl")]
    [InlineData("journalctl -u nginx -n 50 --no-pager")]
    [InlineData("journalctl -b -1 -p err --no-pager")]
    [InlineData("journalctl --since=-1h -o short-iso")]
    [InlineData("cat /var/log/syslog")]
    [InlineData("cat '/var/log/my log'")]
    [InlineData("tail -n 100 /var/log/syslog")]
    [InlineData("tail -100 /var/log/syslog")]
    [InlineData("head -n 20 /etc/passwd")]
    [InlineData("wc -l /var/log/syslog")]
    [InlineData("stat /etc/passwd")]
    [InlineData("file /bin/ls")]
    [InlineData("sha256sum /usr/bin/ssh")]
    [InlineData("grep -i error /var/log/syslog")]
    [InlineData("grep -e foo -e bar /var/log/syslog /var/log/messages")]
    [InlineData("grep -C 3 'Out of memory' /var/log/kern.log")]
    [InlineData("ls -la /var/log")]
    [InlineData("du -sh /var/log")]
    [InlineData("dmesg -T --level=err,warn")]
    [InlineData("vmstat")]
    [InlineData("vmstat -s")]
    [InlineData("vmstat 1 5")]
    [InlineData("iostat -x 1 3")]
    [InlineData("iostat -x sda 1 2")]
    [InlineData("mpstat -P ALL 1 2")]
    [InlineData("top -b -n 1")]
    [InlineData("top -bn1")]
    [InlineData("nginx -t")]
    [InlineData("docker ps -a")]
    [InlineData("/usr/bin/uptime")]
    [InlineData("/bin//uptime")]
    [InlineData("env LC_ALL=C df")]
    [InlineData("env -i TZ=UTC date")]
    [InlineData("timeout 10 df -h")]
    [InlineData("timeout -s KILL 5s df -h")]
    [InlineData("nice -n 10 du -sh /var")]
    [InlineData("nohup uptime")]
    [InlineData("command uptime")]
    [InlineData("busybox uptime")]
    public void ReadOnlySet_RunsDiagnostics_InEveryMode(string line)
    {
        foreach (var mode in new[] { Mode.ReadOnly, Mode.Operator, Mode.Admin })
        {
            var decision = Line(line, mode);
            decision.Verdict.ShouldBe(CommandVerdict.ReadOnly, decision.Reason);
            decision.Reason.ShouldContain("read-only");
        }
    }

    [Fact]
    public void ReadOnly_RunsTheParsedArgv_WithoutAShell()
    {
        var decision = Line("cat '/var/log/my log'");
        decision.EffectiveArgv.ShouldBe(["cat", "/var/log/my log"]);
    }

    [Fact]
    public void ReadOnly_RunsAGivenArgv_AsGiven()
    {
        var decision = Argv(["bash", "-c", "uptime"]);
        decision.Verdict.ShouldBe(CommandVerdict.ReadOnly, decision.Reason);
        decision.EffectiveArgv.ShouldBe(["bash", "-c", "uptime"]);
    }

    [Fact]
    public void Sudo_WithTheScope_UnwrapsToTheReadOnlyCommand()
    {
        Line("sudo -n uptime", maySudo: true).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        Line("sudo -n -u postgres uptime", maySudo: true).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        Line("sudo -nE -- journalctl -u ssh -n 20", maySudo: true).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        var refused = Line("sudo -n uptime");
        refused.Verdict.ShouldBe(CommandVerdict.Refused);
        refused.Reason.ShouldContain("sudo needs the commands:sudo scope");
    }

    [Fact]
    public void Sudo_IsRefusedInsideAShellLine_WithoutTheScope_EvenWhereShellLinesAreAllowed()
    {
        var decision = Line("uptime | sudo reboot", Mode.Admin, ["ops"], policy: Policy);
        decision.Verdict.ShouldBe(CommandVerdict.Refused);
        decision.Reason.ShouldContain("commands:sudo");
        Line("uptime | sudo reboot", Mode.Admin, ["ops"], maySudo: true, policy: Policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
    }

    [Fact]
    public void Rule_AllowsItsCommand_InOperatorModeOnItsGroupsOnly()
    {
        var web = Line("systemctl restart nginx", Mode.Operator, ["web"], policy: Policy);
        web.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        web.Reason.ShouldContain("'systemctl restart nginx'");
        web.Reason.ShouldContain("rule #1 of policy.yaml");
        web.EffectiveArgv.ShouldBe(["systemctl", "restart", "nginx"]);

        var db = Line("systemctl restart nginx", Mode.Operator, ["db"], policy: Policy);
        db.Verdict.ShouldBe(CommandVerdict.Refused);
        db.Reason.ShouldContain("No rule allows 'systemctl restart nginx' on a host in groups db");

        var readOnly = Line("systemctl restart nginx", Mode.ReadOnly, ["web"], policy: Policy);
        readOnly.Verdict.ShouldBe(CommandVerdict.Refused);
        readOnly.Reason.ShouldContain("operator mode");
        readOnly.Reason.ShouldContain("docs/security.md");
    }

    [Fact]
    public void Rule_WithoutGroups_AppliesToEveryHost()
    {
        Line("apt-get update", Mode.Operator, ["db"], policy: Policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        Line("apt-get update", Mode.Operator, [], policy: Policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        Line("apt-get upgrade", Mode.Operator, [], policy: Policy).Reason.ShouldContain("on a host in no groups");
    }

    [Fact]
    public void Deny_WinsOverAllow_AndOverAdminMode()
    {
        var operatorMode = Line("systemctl restart sshd", Mode.Operator, ["web"], policy: Policy);
        operatorMode.Verdict.ShouldBe(CommandVerdict.Refused);
        operatorMode.Reason.ShouldContain("'systemctl * sshd*'");
        operatorMode.Reason.ShouldContain("deny wins");
        Line("systemctl restart sshd.service", Mode.Admin, ["web"], policy: Policy).Verdict.ShouldBe(CommandVerdict.Refused);
        Line("systemctl restart sshd", Mode.Admin, ["db"], policy: Policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        Line("systemctl status sshd", Mode.ReadOnly, ["web"], policy: Policy).Verdict.ShouldBe(CommandVerdict.Refused, "a deny wins over the read-only set too");

        var global = Argv(["chown", "-R", "--no-preserve-root", "nobody", "/"], Mode.Admin, [], policy: Policy);
        global.Verdict.ShouldBe(CommandVerdict.Refused);
        global.Reason.ShouldContain("the deny list of policy.yaml (line 2)");
    }

    [Fact]
    public void Deny_SeesThroughWrappersPathsAndRunners()
    {
        foreach (var argv in new[]
        {
            new[] { "sudo", "-n", "env", "nice", "timeout", "5", "systemctl", "restart", "sshd" },
            ["/usr/bin/systemctl", "restart", "sshd"],
            ["sh", "-c", "systemctl restart sshd"],
            ["xargs", "-0", "systemctl", "restart", "sshd"],
            ["watch", "-n", "1", "systemctl restart sshd"],
        })
        {
            var decision = Argv(argv, Mode.Admin, ["web"], maySudo: true, policy: Policy);
            decision.Verdict.ShouldBe(CommandVerdict.Refused, string.Join(' ', argv));
            decision.Reason.ShouldContain("systemctl * sshd*");
        }
    }

    [Fact]
    public void AdminMode_ConfirmsCommandsOutsideTheSet_ButNeverDeniedOnes()
    {
        var reboot = Line("reboot", Mode.Admin);
        reboot.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        reboot.Reason.ShouldContain("Admin mode");
        reboot.EffectiveArgv.ShouldBe(["reboot"]);
        Line("su -c reboot", Mode.Admin).Verdict.ShouldBe(CommandVerdict.Refused);
        Argv(["find", "/tmp", "-execdir", "rm", "{}", "+"], Mode.Admin).Verdict.ShouldBe(CommandVerdict.Refused);
    }

    [Theory]
    [InlineData("rm -rf /")]
    [InlineData("rm -r -f //")]
    [InlineData("rm -rf /.")]
    [InlineData("rm -rf --no-preserve-root /")]
    [InlineData("mkfs.ext4 /dev/sda1")]
    [InlineData("mkfs -t xfs /dev/vdb")]
    [InlineData("wipefs -a /dev/sda")]
    [InlineData("dd if=/dev/zero of=/dev/sda bs=1M")]
    [InlineData("shred -n 1 /dev/nvme0n1")]
    public void AdminMode_RefusesWhatDestroysAMachine_EvenWithConfirmation(string line)
    {
        var verdict = Line(line, Mode.Admin);

        verdict.Verdict.ShouldBe(CommandVerdict.Refused);
        verdict.Reason.ShouldContain("built-in deny");
    }

    [Theory]
    [InlineData("rm -rf /tmp/build-cache")]
    [InlineData("dd if=/dev/zero of=/tmp/blank bs=1M count=1")]
    public void AdminMode_StillConfirms_OrdinaryRemovalsAndCopies(string line) =>
        Line(line, Mode.Admin).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);

    [Fact]
    public void ShellLine_NeedsARuleWithShellTrue_AndNeverRunsInReadOnlyMode()
    {
        const string line = "uptime | grep load";
        var ops = Line(line, Mode.Operator, ["ops"], policy: Policy);
        ops.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        ops.EffectiveArgv.ShouldBe(["/bin/sh", "-c", line]);
        ops.Reason.ShouldContain("rule #2");
        Line(line, Mode.Admin, ["ops"], policy: Policy).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);

        var readOnly = Line(line, Mode.ReadOnly, ["ops"], policy: Policy);
        readOnly.Verdict.ShouldBe(CommandVerdict.Refused);
        readOnly.Reason.ShouldContain("'|' (pipe)");
        readOnly.Reason.ShouldContain("read-only mode never runs shell syntax");

        var otherGroup = Line(line, Mode.Admin, ["web"], policy: Policy);
        otherGroup.Verdict.ShouldBe(CommandVerdict.Refused);
        otherGroup.Reason.ShouldContain("shell: true");
    }

    [Fact]
    public void ShellLine_InAnArgvShell_KeepsTheArgv_WhenARuleAllowsShellSyntax()
    {
        var decision = Argv(["bash", "-c", "df -h | sort"], Mode.Operator, ["ops"], policy: Policy);
        decision.Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        decision.EffectiveArgv.ShouldBe(["bash", "-c", "df -h | sort"]);
    }

    [Theory]
    [InlineData("uptime; su -c reboot")]
    [InlineData("uptime && doas reboot")]
    [InlineData("echo \"$(pkexec reboot)\"")]
    [InlineData("uptime | rm -rf --no-preserve-root /")]
    [InlineData("uptime; \"r\\\nm\" -rf /")]
    [InlineData("uptime; \"s\\\nu\" -c reboot")]
    [InlineData("in rm -rf /")]
    public void ShellLine_StillRefusesTheDeniedCommandsItVisiblyHolds(string line)
    {
        var decision = Line(line, Mode.Admin, ["ops"], policy: Policy);
        decision.Verdict.ShouldBe(CommandVerdict.Refused);
        decision.Reason.ShouldContain("denied");
    }

    [Fact]
    public void FileReadOnlyEntries_RunInEveryMode_ButNeverForCodeRunnersOrSecrets()
    {
        Line("docker stats --no-stream web", Mode.ReadOnly, policy: Policy).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        Line("mytool --check /etc/hosts", Mode.ReadOnly, policy: Policy).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        Line("mytool --file=/etc/shadow", Mode.ReadOnly, policy: Policy).Reason.ShouldContain("secret");
        Argv(["python3", "-c", "print(1)"], Mode.ReadOnly, policy: Policy).Reason.ShouldContain("runs other programs or code");
        Policy.ReadOnlyCommands.ShouldContain("docker stats --no-stream **");
    }

    [Fact]
    public void UnsafeVariables_AreNeverReadOnly_NorCoveredByARule()
    {
        var policy = CommandPolicy.Parse("rules:\n  - allow: [\"uptime **\", \"df **\"]\n", "p.yaml");
        Argv(["env", "LD_PRELOAD=/tmp/x.so", "df"], Mode.Operator, policy: policy).Verdict.ShouldBe(CommandVerdict.Refused);
        Argv(["env", "LC_ALL=/tmp/locale", "df"], Mode.ReadOnly).Verdict.ShouldBe(CommandVerdict.Refused);
        Argv(["env", "LD_PRELOAD=/tmp/x.so", "df"], Mode.Admin).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
    }

    [Fact]
    public void Evaluate_WantsExactlyOneOfLineAndArgv()
    {
        CommandPolicy.BuiltIn.Evaluate(new CommandCheck("uptime", ["uptime"], [], Mode.Admin, false)).Reason.ShouldContain("not both");
        CommandPolicy.BuiltIn.Evaluate(new CommandCheck(null, null, [], Mode.Admin, false)).Reason.ShouldContain("neither");
    }

    [Fact]
    public void ReadOnlyMode_ListsSomeReadOnlyCommands_WhenRefusing()
    {
        var decision = Line("reboot");
        decision.Reason.ShouldContain("uptime");
        decision.Reason.ShouldContain("journalctl");
        decision.Reason.ShouldContain("operator mode");
        Line("./uptime").Reason.ShouldContain("outside /bin");
    }

    [Fact]
    public void ReadOnlyCommands_DescribeTheBuiltInSet()
    {
        var commands = CommandPolicy.BuiltIn.ReadOnlyCommands;
        commands.ShouldContain("uptime ** (options only: no file)");
        commands.ShouldContain(c => c.StartsWith("tail ** (not -f", StringComparison.Ordinal));
        commands.ShouldContain(c => c.StartsWith("journalctl **", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_Refuses_TheLargestNestingOfWrappers()
    {
        // 256 nested wrappers: the unwrapping must end (and refuse), not recurse without bound. Speed is bench/'s business.
        var argv = new[] { "xargs" }.Concat(Enumerable.Repeat("xargs", 255)).ToArray();
        Argv(argv, Mode.Admin, policy: Policy).Verdict.ShouldBe(CommandVerdict.Refused);
    }
}
