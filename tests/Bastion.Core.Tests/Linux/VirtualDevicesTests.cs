using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class VirtualDevicesTests
{
    [Theory]
    [InlineData("lo")]
    [InlineData("veth3f2a1b0")]
    [InlineData("ifb0")]
    [InlineData("docker0")]
    [InlineData("br-5e1c0f4a2b3d")]
    [InlineData("virbr0")]
    [InlineData("cni0")]
    [InlineData("flannel.1")]
    [InlineData("cali12ab34cd56e")]
    [InlineData("cilium_host")]
    [InlineData("lxc8a1b2c3d")]
    [InlineData("vxlan.calico")]
    [InlineData("dummy0")]
    [InlineData("tap0")]
    [InlineData("kube-ipvs0")]
    public void IsVirtualInterface_IsTrue_ForLoopbackBridgesAndContainerEnds(string name) =>
        VirtualDevices.IsVirtualInterface(name).ShouldBeTrue();

    [Theory]
    [InlineData("eth0")]
    [InlineData("ens3")]
    [InlineData("enp0s31f6")]
    [InlineData("wlan0")]
    [InlineData("bond0")]
    [InlineData("eth0.100")]
    [InlineData("br0")]
    [InlineData("tun0")]
    [InlineData("wg0")]
    [InlineData("local0")]
    public void IsVirtualInterface_IsFalse_ForRealAndVpnInterfaces(string name) =>
        VirtualDevices.IsVirtualInterface(name).ShouldBeFalse();

    [Fact]
    public void IsPseudoFileSystem_LeavesOutKernelFileSystems_ButKeepsDiskAndContainerRoots()
    {
        // Every type mounted on the Debian 12 capture: only ext4 holds data of its own.
        var types = ParseTypes(Fixture.Read("debian12/proc-mounts"));
        types.Where(t => !VirtualDevices.IsPseudoFileSystem(t)).ShouldBe(["ext4"], ignoreOrder: true);
        foreach (var pseudo in new[] { "tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "squashfs", "devpts", "ramfs", "efivarfs" })
        {
            VirtualDevices.IsPseudoFileSystem(pseudo).ShouldBeTrue(pseudo);
        }

        foreach (var real in new[] { "overlay", "xfs", "btrfs", "nfs4", "zfs", "vfat" })
        {
            VirtualDevices.IsPseudoFileSystem(real).ShouldBeFalse(real);
        }
    }

    private static List<string> ParseTypes(string mounts) =>
        MountEntry.Parse(mounts).Select(m => m.FsType).Distinct().ToList();
}
