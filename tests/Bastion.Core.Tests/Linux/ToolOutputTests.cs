using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class ToolOutputTests
{
    [Fact]
    public void DiskFree_ReadsGnuDf()
    {
        var rows = DiskFreeEntry.Parse(Fixture.Read("debian12/df-Pk"));
        rows.Single(r => r.MountPoint == "/").ShouldBe(new DiskFreeEntry("/dev/vda", 264212084, 13173144, 83604828, "/"));
        rows.Count.ShouldBe(5);
    }

    [Fact]
    public void DiskFree_ReadsBusyBoxDf_AndInodes()
    {
        DiskFreeEntry.Parse(Fixture.Read("alpine320/df-Pk-busybox")).Single(r => r.MountPoint == "/").Total.ShouldBe(264212084);
        var inodes = DiskFreeEntry.Parse(Fixture.Read("debian12/df-Pi")).Single(r => r.MountPoint == "/");
        inodes.Total.ShouldBe(16777216);
        inodes.Used.ShouldBe(413270);
    }

    [Fact]
    public void DiskFree_KeepsSpaces_InSourceAndMountPoint()
    {
        var share = DiskFreeEntry.Parse(Fixture.Read("rocky9/df-Pk")).Single(r => r.Filesystem.StartsWith("//nas", StringComparison.Ordinal));
        share.Filesystem.ShouldBe("//nas/share with space");
        share.MountPoint.ShouldBe("/mnt/nas share");
        share.Available.ShouldBe(0);
    }

    [Theory]
    [InlineData("Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/sda1 10 5\n")]
    [InlineData("Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/sda1 ten 5 5 50% /\n")]
    [InlineData("")]
    public void DiskFree_Throws_OnMalformedText(string text) =>
        Should.Throw<FormatException>(() => DiskFreeEntry.Parse(text));

    [Fact]
    public void Packages_ReadsDpkg_ConvertingKiB()
    {
        var packages = InstalledPackage.ParseDpkg(Fixture.Read("debian12/dpkg-query"));
        packages[0].ShouldBe(new InstalledPackage("adduser", "3.134", "all", 686 * 1024));
        packages.Count.ShouldBe(40);
    }

    [Fact]
    public void Packages_SkipsDpkgEntries_ThatAreNotInstalled()
    {
        var packages = InstalledPackage.ParseDpkg("a\t1\tamd64\tii \t10\nb\t2\tamd64\trc \t\nc:amd64\t3\tamd64\thi \t\n");
        packages.Select(p => p.Name).ShouldBe(["a", "c"]);
        packages[1].InstalledSizeBytes.ShouldBeNull();
    }

    [Fact]
    public void Packages_ReadsRpm_SkippingGpgKeys()
    {
        var packages = InstalledPackage.ParseRpm(Fixture.Read("rocky9/rpm-qa"));
        packages.ShouldContain(new InstalledPackage("openssl", "3.0.7-27.el9", "x86_64", 1887519));
        packages.ShouldNotContain(p => p.Name == "gpg-pubkey");
        packages.Count.ShouldBe(7);
    }

    [Fact]
    public void Packages_ReadsApk_SplittingNameFromVersion()
    {
        var packages = InstalledPackage.ParseApk(Fixture.Read("alpine320/apk-list-installed"));
        packages.ShouldContain(new InstalledPackage("py3-six", "1.16.0-r9", "noarch", null));
        packages.ShouldContain(new InstalledPackage("alpine-baselayout-data", "3.6.5-r0", "x86_64", null));
        packages.ShouldContain(new InstalledPackage("ca-certificates-bundle", "20240705-r0", "x86_64", null));
        packages.Count.ShouldBe(17);
    }

    [Fact]
    public void Packages_Throw_OnMalformedLines()
    {
        Should.Throw<FormatException>(() => InstalledPackage.ParseDpkg("only\ttwo\n"));
        Should.Throw<FormatException>(() => InstalledPackage.ParseRpm("a\tb\n"));
        Should.Throw<FormatException>(() => InstalledPackage.ParseApk("noversion x86_64 {x} (MIT) [installed]\n"));
    }

    [Fact]
    public void Sockets_ReadsSs_WithProcesses()
    {
        var sockets = ListeningSocket.ParseSs(Fixture.Read("debian12/ss-lntup"));
        sockets.ShouldContain(new ListeningSocket("udp", "127.0.0.1", 5353, "python3", [5426]), new SocketComparer());
        sockets.ShouldContain(new ListeningSocket("tcp", "*", 8443, "python3", [5426]), new SocketComparer());
        sockets.ShouldContain(new ListeningSocket("tcp", "0.0.0.0", 2024, null, []), new SocketComparer());
    }

    [Fact]
    public void Sockets_ReadsSs_BracketsScopesAndSeveralProcesses()
    {
        var sockets = ListeningSocket.ParseSs(Fixture.Read("rocky9/ss-lntup"));
        sockets.Single(s => s.Port == 53).Address.ShouldBe("127.0.0.53%lo");
        sockets.Single(s => s.Port == 8080).Address.ShouldBe("::ffff:127.0.0.1");
        sockets.Single(s => s.Port == 323 && s.Address == "::1").Process.ShouldBe("chronyd");
        sockets.First(s => s.Port == 80).Pids.ShouldBe([1203, 1202, 1201]);
    }

    [Fact]
    public void Sockets_ReadsBusyBoxNetstat_WithAndWithoutPids()
    {
        var plain = ListeningSocket.ParseNetstat(Fixture.Read("alpine320/netstat-lntu-busybox"));
        plain.Count.ShouldBe(4);
        plain.ShouldContain(s => s.Protocol == "tcp" && s.Address == "::" && s.Port == 8444 && s.Process == null);
        plain.ShouldContain(s => s.Protocol == "udp" && s.Address == "::1" && s.Port == 5355);

        var withPids = ListeningSocket.ParseNetstat(Fixture.Read("alpine320/netstat-lntup-busybox"));
        withPids.ShouldContain(s => s.Port == 68 && s.Protocol == "udp" && s.Process == "udhcpc" && s.Pids.SequenceEqual(new[] { 1804 }));
        withPids.Count(s => s.Port == 22).ShouldBe(2);
    }

    [Fact]
    public void Sockets_Throw_OnMalformedLines()
    {
        Should.Throw<FormatException>(() => ListeningSocket.ParseSs("tcp LISTEN 0 128\n"));
        Should.Throw<FormatException>(() => ListeningSocket.ParseSs("tcp LISTEN 0 128 nowhere 0.0.0.0:*\n")).Message.ShouldContain("no port");
    }

    [Fact]
    public void Interfaces_JoinLinksAndAddresses_OnDebian()
    {
        var interfaces = NetworkInterface.Parse(Fixture.Read("debian12/ip-link"), Fixture.Read("debian12/ip-addr"));
        var lo = interfaces.Single(i => i.Name == "lo");
        lo.State.ShouldBe("UNKNOWN");
        lo.Mtu.ShouldBe(65536);
        lo.Addresses.ShouldContain(new InterfaceAddress("inet", "127.0.0.1", 8, "host"));
        var eth0 = interfaces.Single(i => i.Name == "eth0");
        eth0.Addresses.Count.ShouldBe(3);
        eth0.Addresses.ShouldContain(new InterfaceAddress("inet6", "fd00::2", 64, "global"));
        interfaces.Single(i => i.Name == "ifb0").Mac.ShouldBe("82:f4:a1:1f:35:b5");
    }

    [Fact]
    public void Interfaces_DropPeerSuffix_AndReadState_OnRocky()
    {
        var interfaces = NetworkInterface.Parse(Fixture.Read("rocky9/ip-link"), Fixture.Read("rocky9/ip-addr"));
        var veth = interfaces.Single(i => i.Name == "veth1a2b3c");
        veth.Addresses.Single().Scope.ShouldBe("link");
        interfaces.Single(i => i.Name == "docker0").State.ShouldBe("DOWN");
        interfaces.Single(i => i.Name == "ens3").Flags.ShouldContain("LOWER_UP");
    }

    [Fact]
    public void Interfaces_InferState_FromFlags_OnBusyBox()
    {
        var interfaces = NetworkInterface.Parse(Fixture.Read("alpine320/ip-link-busybox"), Fixture.Read("alpine320/ip-addr-busybox"));
        interfaces.Single(i => i.Name == "eth0").State.ShouldBe("UP");
        interfaces.Single(i => i.Name == "ifb0").State.ShouldBe("DOWN");
        interfaces.Single(i => i.Name == "eth0").Mtu.ShouldBe(1400);
    }

    [Fact]
    public void Interfaces_Throw_OnForeignText() =>
        Should.Throw<FormatException>(() => NetworkInterface.Parse("eth0 is up\n", string.Empty));

    [Fact]
    public void BlockDevices_ReadModernLsblk()
    {
        var devices = BlockDevice.ParseLsblk(Fixture.Read("debian12/lsblk.json"));
        devices.Single(d => d.Name == "vda").ShouldBe(new BlockDevice("vda", null, "disk", 274877906944, null, "/", null, false, false));
    }

    [Fact]
    public void BlockDevices_ReadLegacyLsblk_FlatteningChildren()
    {
        var devices = BlockDevice.ParseLsblk(Fixture.Read("rocky9/lsblk-legacy.json"));
        devices.Select(d => d.Name).ShouldBe(["sda", "sda1", "sda2", "rl-root", "rl-swap", "sr0"]);
        devices.Single(d => d.Name == "rl-root").ShouldBe(new BlockDevice("rl-root", "sda2", "lvm", 37706792960, "xfs", "/", null, false, false));
        devices.Single(d => d.Name == "sda").Model.ShouldBe("QEMU HARDDISK");
        devices.Single(d => d.Name == "sr0").Removable.ShouldBe(true);
    }

    [Fact]
    public void BlockDevices_ReadProcPartitions()
    {
        var devices = BlockDevice.ParseProcPartitions(Fixture.Read("debian12/proc-partitions"));
        devices.Single().ShouldBe(new BlockDevice("vda", null, null, 268435456L * 1024, null, null, null, null, null));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"devices\": []}")]
    [InlineData("")]
    public void BlockDevices_Throw_OnMalformedLsblk(string text) =>
        Should.Throw<FormatException>(() => BlockDevice.ParseLsblk(text));

    [Fact]
    public void Services_ReadSystemctl()
    {
        var units = ServiceUnit.ParseSystemctl(Fixture.Read("rocky9/systemctl-list-units"));
        units.Count.ShouldBe(13);
        units.Single(u => u.Name == "kdump.service").ShouldBe(new ServiceUnit("kdump.service", "loaded", "failed", "failed", "Crash recovery kernel arming", null));
        units.Single(u => u.Name == "ntpd.service").Load.ShouldBe("not-found");
    }

    [Fact]
    public void Services_ReadSystemctl_WithBulletsOfFailedUnits()
    {
        var units = ServiceUnit.ParseSystemctl("● kdump.service loaded failed failed Crash recovery kernel arming\n");
        units.Single().Name.ShouldBe("kdump.service");
        Should.Throw<FormatException>(() => ServiceUnit.ParseSystemctl("sshd.service loaded\n"));
    }

    [Fact]
    public void Services_ReadOpenRc_WithRunlevels()
    {
        var services = ServiceUnit.ParseOpenRc(Fixture.Read("alpine320/rc-status-all"));
        services.Single(s => s.Name == "nginx").ShouldBe(new ServiceUnit("nginx", null, "crashed", null, null, "default"));
        services.Single(s => s.Name == "localmount").Runlevel.ShouldBe("needed/wanted");
        services.Count.ShouldBe(13);
    }

    [Fact]
    public void Services_ReadOpenRc_WithColourCodes() =>
        ServiceUnit.ParseOpenRc("Runlevel: default\n \u001b[0;32msshd\u001b[0m   [  \u001b[0;32mstarted\u001b[0m  ]\n").Single()
            .ShouldBe(new ServiceUnit("sshd", null, "started", null, null, "default"));

    private sealed class SocketComparer : IEqualityComparer<ListeningSocket>
    {
        public bool Equals(ListeningSocket? x, ListeningSocket? y) =>
            x is not null && y is not null && x.Protocol == y.Protocol && x.Address == y.Address && x.Port == y.Port
            && x.Process == y.Process && x.Pids.SequenceEqual(y.Pids);

        public int GetHashCode(ListeningSocket obj) => obj.Port;
    }
}
