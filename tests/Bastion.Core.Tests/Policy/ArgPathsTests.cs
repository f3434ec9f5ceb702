using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

public class ArgPathsTests
{
    [Theory]
    [InlineData("/etc/./shadow", "/etc/shadow")]
    [InlineData("/etc//shadow", "/etc/shadow")]
    [InlineData("/etc/../etc/shadow", "/etc/shadow")]
    [InlineData("/etc/shadow/", "/etc/shadow")]
    [InlineData("/../../etc/shadow", "/etc/shadow")]
    [InlineData("//", "/")]
    [InlineData("a/./b//c/", "a/b/c")]
    [InlineData("../a/../b", "../b")]
    [InlineData("./reboot", "./reboot")]
    [InlineData(".//reboot", "./reboot")]
    [InlineData("reboot", "reboot")]
    [InlineData("-h", "-h")]
    public void Normalize_RemovesDotsDoubleSlashesAndTrailingSlashes(string path, string expected) =>
        ArgPaths.Normalize(path).ShouldBe(expected);

    [Fact]
    public void Normalize_CanKeepDotDot() =>
        ArgPaths.Normalize("/proc/self/root/../etc//shadow", resolveDotDot: false).ShouldBe("/proc/self/root/../etc/shadow");

    [Theory]
    [InlineData("--file=/etc//shadow", "--file=/etc/shadow")]
    [InlineData("-f/etc/./shadow", "-f/etc/shadow")]
    [InlineData("if=/etc/../etc/shadow", "if=/etc/shadow")]
    [InlineData("--since=-1h", "--since=-1h")]
    public void NormalizeArgument_NormalisesThePathPart(string arg, string expected) =>
        ArgPaths.NormalizeArgument(arg).ShouldBe(expected);

    [Theory]
    [InlineData("uptime", true)]
    [InlineData("/usr/bin/uptime", true)]
    [InlineData("/usr/local/sbin/x", true)]
    [InlineData("/bin//uptime", true)]
    [InlineData("./uptime", false)]
    [InlineData("/tmp/uptime", false)]
    [InlineData("/usr/bin/../../tmp/uptime", false)]
    [InlineData("/usr/bin/x/uptime", false)]
    [InlineData("bin/uptime", false)]
    public void IsTrustedProgram_OnlyForPathLookupsAndSystemDirectories(string program, bool expected) =>
        ArgPaths.IsTrustedProgram(program).ShouldBe(expected);

    [Theory]
    [InlineData("/etc/shadow", "*/etc/shadow*")]
    [InlineData("/ETC/SHADOW", "*/etc/shadow*")]
    [InlineData("--file=/home/a/.ssh/id_rsa", "*/.ssh/*")]
    [InlineData("/proc/self/root/../etc/shadow", "/proc/<pid>/*")]
    [InlineData("/proc/self/root/./etc//passwd", "/proc/<pid>/*")]
    [InlineData("/srv/app/.env.production", "*/.env.*")]
    public void SecretIn_FindsSecretPaths_InAnyForm(string arg, string pattern) =>
        SecretPaths.SecretIn(arg).ShouldBe(pattern);

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/var/log/syslog")]
    [InlineData("id_rsa")]
    [InlineData("/etc/ssh/ssh_host_ed25519_key.pub")]
    public void SecretIn_LeavesOrdinaryPathsAndWords(string arg) =>
        SecretPaths.SecretIn(arg).ShouldBeNull();
}
