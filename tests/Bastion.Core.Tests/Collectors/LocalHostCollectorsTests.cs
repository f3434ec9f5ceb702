using System.Diagnostics;
using Bastion.Core.Accounts;
using Bastion.Core.Execution;
using Bastion.Core.Identity;
using Bastion.Core.Linux;
using Bastion.Core.Metrics;
using Bastion.Core.Network;
using Bastion.Core.Packages;
using Bastion.Core.Processes;
using Bastion.Core.Services;
using Bastion.Core.Storage;

namespace Bastion.Core.Tests.Collectors;

/// <summary>The collectors against this very machine, checked against what the test reads itself.</summary>
public class LocalHostCollectorsTests
{
    private readonly LocalRunner _local = new();

    private static long MemTotalBytes() =>
        long.Parse(File.ReadAllLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [Fact]
    public async Task Identity_MatchesProcAndUname()
    {
        var identity = await IdentityCollector.CollectAsync(_local, CancellationToken.None);
        identity.Hostname.ShouldBe(File.ReadAllText("/proc/sys/kernel/hostname").Trim());
        identity.Kernel.ShouldBe(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        identity.CpuCount.ShouldBe(Environment.ProcessorCount);
        identity.MemoryTotalBytes.ShouldBe(MemTotalBytes());
        identity.BootTime.ShouldBeLessThan(DateTimeOffset.UtcNow);
        identity.UptimeSeconds.ShouldBeGreaterThan(0);
        identity.Architecture.ShouldBe(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 ? "x86_64" : identity.Architecture);
    }

    [Fact]
    public async Task Metrics_MatchMeminfoAndDf_AndSeeABusyCpu()
    {
        using var spinner = Process.Start("sh", ["-c", "while :; do :; done"]);
        try
        {
            var snapshot = await MetricsCollector.CollectAsync(_local, 0.5, 50, false, TimeProvider.System, CancellationToken.None);
            snapshot.Memory.TotalBytes.ShouldBe(MemTotalBytes());
            snapshot.Cpu.CpuCount.ShouldBe(Environment.ProcessorCount);
            // One core spinning is at least a fair share of all cores.
            snapshot.Cpu.BusyPercent.ShouldBeGreaterThan(100.0 / Environment.ProcessorCount * 0.5);
            snapshot.SampleSeconds.ShouldBeInRange(0.4, 2.0);
            var root = snapshot.Disks.Single(d => d.MountPoint == "/");
            var drive = new DriveInfo("/");
            Math.Abs(root.TotalBytes - drive.TotalSize).ShouldBeLessThan(1024 * 1024);
            root.UsedPercent.ShouldBeInRange(0, 100);
            snapshot.Network.ShouldNotContain(n => n.Interface == "lo");
        }
        finally
        {
            spinner.Kill();
        }
    }

    [Fact]
    public async Task Metrics_LeaveOutPseudoFileSystemsAndVirtualInterfaces_AndCountThem()
    {
        var snapshot = await MetricsCollector.CollectAsync(_local, 0.1, 50, false, TimeProvider.System, CancellationToken.None);
        snapshot.Disks.ShouldNotBeEmpty();
        snapshot.Disks.ShouldAllBe(d => !VirtualDevices.IsPseudoFileSystem(d.FsType ?? d.Filesystem));
        snapshot.Network.ShouldAllBe(n => !VirtualDevices.IsVirtualInterface(n.Interface));
        var note = snapshot.Notes.Single(n => n.StartsWith("Left out ", StringComparison.Ordinal));
        note.ShouldMatch(@"virtual interfaces? \((.*, )?lo[,)]");
        note.ShouldEndWith("include_virtual: true lists them.");
    }

    [Fact]
    public async Task Metrics_ListEverything_WithIncludeVirtual()
    {
        var all = await MetricsCollector.CollectAsync(_local, 0.1, 500, true, TimeProvider.System, CancellationToken.None);
        all.Network.ShouldContain(n => n.Interface == "lo");
        all.Notes.ShouldNotContain(n => n.StartsWith("Left out ", StringComparison.Ordinal));

        // df lists /dev/shm (tmpfs) wherever it is mounted with a size.
        var sizedTmpfs = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f[2] == "tmpfs" && f[1] == "/dev/shm").Any();
        if (sizedTmpfs)
        {
            all.Disks.ShouldContain(d => d.MountPoint == "/dev/shm" && d.FsType == "tmpfs");
        }

        var some = await MetricsCollector.CollectAsync(_local, 0.1, 500, false, TimeProvider.System, CancellationToken.None);
        some.Disks.Count.ShouldBeLessThanOrEqualTo(all.Disks.Count);
        some.Network.Count.ShouldBe(all.Network.Count(n => !VirtualDevices.IsVirtualInterface(n.Interface)));
    }

    [Fact]
    public async Task Metrics_MeasureDiskIo_OfWholeDevices_DuringADirectWrite()
    {
        var devices = DiskStatsEntry.WholeDevices(DiskStatsEntry.Parse(await File.ReadAllTextAsync("/proc/diskstats")));
        devices.ShouldNotBeEmpty("the test needs a block device in /proc/diskstats");
        var file = Path.Combine(Path.GetTempPath(), $"bastion-io-{Guid.NewGuid():N}");
        using var writer = Process.Start("sh", ["-c", $"while :; do dd if=/dev/zero of='{file}' bs=1M count=4 conv=fsync status=none; done"]);
        try
        {
            var snapshot = await MetricsCollector.CollectAsync(_local, 1.0, 50, false, TimeProvider.System, CancellationToken.None);
            snapshot.DiskIo.Select(d => d.Device).ShouldBeSubsetOf(devices.Select(d => d.Device));
            snapshot.DiskIo.ShouldAllBe(d => d.UtilPercent >= 0 && d.UtilPercent <= 100 && d.AwaitMs >= 0);
            snapshot.DiskIo.Select(d => d.UtilPercent).ShouldBeInOrder(SortDirection.Descending);
            snapshot.DiskIo.Sum(d => d.WriteBytesPerSecond).ShouldBeGreaterThan(0, "the writer wrote to disk during the window");
        }
        finally
        {
            writer.Kill();
            await writer.WaitForExitAsync();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Metrics_CutLists_AndSaySo()
    {
        var snapshot = await MetricsCollector.CollectAsync(_local, 0.1, 1, true, TimeProvider.System, CancellationToken.None);
        snapshot.Disks.Count.ShouldBe(1);
        snapshot.Network.Count.ShouldBe(1);
        snapshot.Notes.ShouldContain(n => n.Contains("network interfaces", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Processes_PutTheBusyProcess_AmongTheTopByCpu_WithItsCommandLine()
    {
        using var spinner = Process.Start("sh", ["-c", "while :; do :; done # bastion-spinner"]);
        try
        {
            // Other test assemblies run at the same time on few cores, so the spinner need not be first.
            var list = await ProcessCollector.CollectAsync(_local, ProcessSort.Cpu, 12, 0.5, CancellationToken.None);
            list.Processes.Select(p => p.CpuPercent).ShouldBeInOrder(SortDirection.Descending);
            var top = list.Processes.Single(p => p.Pid == spinner.Id);
            top.Command.ShouldBe("sh -c while :; do :; done # bastion-spinner");
            top.CpuPercent.ShouldBeGreaterThan(10);
            top.User.ShouldBe(Environment.UserName);
            top.State.ShouldBe("R");
            top.StartTime.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(2));
            list.Truncated.ShouldBe(list.Total > 12);
            list.Processes.Count.ShouldBe(Math.Min(12, list.Total));
        }
        finally
        {
            spinner.Kill();
        }
    }

    [Fact]
    public async Task Processes_SortByMemory_PutsLargestRssFirst()
    {
        var list = await ProcessCollector.CollectAsync(_local, ProcessSort.Memory, 10, 0.1, CancellationToken.None);
        list.Processes.Select(p => p.RssBytes).ShouldBeInOrder(SortDirection.Descending);
        list.Processes[0].RssBytes.ShouldBeGreaterThan(0);
        list.Processes.ShouldAllBe(p => p.MemoryPercent >= 0 && p.MemoryPercent <= 100);
    }

    [Fact]
    public async Task Users_IncludeRoot_WithSudo_AndGroupsOfTheCallingUser()
    {
        var users = await AccountsCollector.UsersAsync(_local, null, 1000, CancellationToken.None);
        var root = users.Users.Single(u => u.Name == "root");
        root.Uid.ShouldBe(0);
        root.Sudo.ShouldBeTrue();
        root.Groups[0].ShouldBe("root");
        users.Users.ShouldContain(u => u.Name == "nobody" && u.System && !u.CanLogin);
        (await AccountsCollector.UsersAsync(_local, "ROO", 10, CancellationToken.None)).Users.ShouldAllBe(u => u.Name.Contains("roo"));
    }

    [Fact]
    public async Task Groups_ListPrimaryMembers()
    {
        var groups = await AccountsCollector.GroupsAsync(_local, "root", 10, CancellationToken.None);
        groups.Groups.Single(g => g.Name == "root").Members.ShouldContain("root");
    }

    [Fact]
    public async Task Packages_FindDpkg_AndFilter()
    {
        var packages = await PackagesCollector.CollectAsync(_local, "coreutils", 10, CancellationToken.None);
        packages.Manager.ShouldBe("dpkg");
        packages.Packages.ShouldContain(p => p.Name == "coreutils" && p.Version.Length > 0);
        packages.Installed.ShouldBeGreaterThan(packages.Total);
    }

    [Fact]
    public async Task Sockets_SeeAListenerTheTestOpens()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var sockets = await NetworkCollector.SocketsAsync(_local, 1000, CancellationToken.None);
        sockets.Sockets.ShouldContain(s => s.Port == port && s.Protocol == "tcp" && s.Address == "127.0.0.1");
    }

    [Fact]
    public async Task Interfaces_IncludeLoopback()
    {
        var interfaces = await NetworkCollector.InterfacesAsync(_local, 100, CancellationToken.None);
        interfaces.Interfaces.Single(i => i.Name == "lo").Addresses.ShouldContain(a => a.Address == "127.0.0.1" && a.PrefixLength == 8);
    }

    [Fact]
    public async Task Disks_ListBlockDevices()
    {
        var disks = await StorageCollector.CollectAsync(_local, 100, CancellationToken.None);
        disks.Devices.ShouldNotBeEmpty();
        disks.Devices.ShouldContain(d => d.SizeBytes > 0);
    }

    [Fact]
    public async Task Services_SayWhySystemdIsMissing_OrListUnits()
    {
        var services = await ServicesCollector.CollectAsync(_local, null, null, 100, CancellationToken.None);
        if (Directory.Exists("/run/systemd/system"))
        {
            services.Manager.ShouldBe("systemd");
            services.Services.ShouldNotBeEmpty();
        }
        else
        {
            services.Manager.ShouldBeNull();
            services.Note!.ShouldContain("systemd is not running on this host");
        }
    }
}
