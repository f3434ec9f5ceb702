using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class ProcessFilesTests
{
    [Fact]
    public void ProcPidStat_ReadsEveryLine_OfARealCapture()
    {
        var stats = ProcPidStat.ParseMany(Fixture.Read("debian12/proc-pid-stat"));
        stats.Count.ShouldBe(30);
        var init = stats.Single(s => s.Pid == 1);
        init.Name.ShouldBe("process_api");
        init.State.ShouldBe("S");
        init.ParentPid.ShouldBe(0);
        init.CpuTicks.ShouldBe(56 + 228);
        init.Threads.ShouldBe(13);
        init.StartTicks.ShouldBe(24);
        stats.ShouldContain(s => s.Name == "kworker/0:0H-events_highpri" && s.State == "I");
    }

    [Fact]
    public void ProcPidStat_KeepsSpacesAndParentheses_InTheName()
    {
        var stat = ProcPidStat.ParseLine("4242 (my (odd) app) R 1 4242 4242 0 -1 4194304 10 0 0 0 7 3 0 0 20 0 2 0 555 1000 10 0");
        stat.Name.ShouldBe("my (odd) app");
        stat.CpuTicks.ShouldBe(10);
        stat.Threads.ShouldBe(2);
        stat.StartTicks.ShouldBe(555);
    }

    [Theory]
    [InlineData("12 no-parens S 1")]
    [InlineData("12 (short) S 1 2 3")]
    [InlineData("x (name) S 1 1 1 0 -1 1 1 0 0 0 1 1 0 0 20 0 1 0 5 1 1 0")]
    public void ProcPidStat_Throws_OnMalformedLine(string line) =>
        Should.Throw<FormatException>(() => ProcPidStat.ParseLine(line));

    [Theory]
    [InlineData("debian12/proc-pid-status")]
    [InlineData("alpine320/proc-pid-status-busybox")]
    public void ProcStatus_ReadsUidAndRss_FromGrepOutput(string fixture)
    {
        var status = ProcStatusFields.ParseMany(Fixture.Read(fixture));
        status[1].ShouldBe(new ProcStatusFields(1, 0, status[1].RssBytes));
        status[1].RssBytes.ShouldBeGreaterThan(1024 * 1024);
        // Kernel threads have a Uid line but no VmRSS.
        status.Values.ShouldContain(s => s.RssBytes == 0);
    }

    [Fact]
    public void ProcStatus_Throws_OnForeignLine() =>
        Should.Throw<FormatException>(() => ProcStatusFields.ParseMany("Uid: 0 0 0 0\n")).Message.ShouldContain("/proc/PID/status");

    [Theory]
    [InlineData("debian12/proc-pid-cmdline")]
    [InlineData("alpine320/proc-pid-cmdline-busybox")]
    public void HeadFiles_SplitsCmdlines_KeepingNulSeparators(string fixture)
    {
        var files = HeadFiles.Parse(Fixture.Read(fixture));
        files.Count.ShouldBe(3);
        files["/proc/2/cmdline"].ShouldBe(string.Empty);
        files.Values.ShouldContain("sleep\0300\0");
        files.Values.ShouldContain(v => v.Contains("http.server\08090\0--bind\0127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public void HeadFiles_ReturnsNothing_ForTextWithoutHeaders() =>
        HeadFiles.Parse("just text\n").ShouldBeEmpty();

    [Fact]
    public void Passwd_ReadsAllSevenFields()
    {
        var users = PasswdEntry.Parse(Fixture.Read("debian12/passwd"));
        users[0].ShouldBe(new PasswdEntry("root", 0, 0, "root", "/root", "/bin/bash"));
        users.ShouldContain(u => u.Name == "nobody" && u.Uid == 65534);
    }

    [Theory]
    [InlineData("")]
    [InlineData("root:x:0:0")]
    [InlineData("root:x:zero:0:root:/root:/bin/sh")]
    public void Passwd_Throws_OnMalformedText(string text) =>
        Should.Throw<FormatException>(() => PasswdEntry.Parse(text));

    [Fact]
    public void Group_ReadsMembers()
    {
        var groups = GroupEntry.Parse(Fixture.Read("alpine320/group"));
        groups.Single(g => g.Name == "wheel").Members.ShouldBe(["root", "alice"]);
        groups.Single(g => g.Name == "nobody").Members.ShouldBeEmpty();
        Should.Throw<FormatException>(() => GroupEntry.Parse("wheel:x:ten:\n"));
    }
}
