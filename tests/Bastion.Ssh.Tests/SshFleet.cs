using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Testing;

namespace Bastion.Ssh.Tests;

/// <summary>
/// The fleet every test of the "fleet" collection shares: hosts 1-10 reachable with their keys pinned, host 11
/// stopped (all eleven in group 'fleet'; even/odd groups; label rack=a for hosts 1-5, b otherwise), host 12 pinned
/// and then rekeyed by a test, host 13 never pinned.
/// </summary>
public sealed class SshFleet : IAsyncLifetime
{
    public const int Reachable = 10;
    public const int Stopped = 11;
    public const int Rekeyed = 12;
    public const int Unpinned = 13;

    public LoopbackFleet Fleet { get; } = new(addressBase: 0);

    public BastionPaths Paths { get; } = new(Path.Combine(Path.GetTempPath(), $"bastion-ssh-tests-{Guid.NewGuid():N}"));

    public SshOptions Options { get; } = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };

    public Host Host(int i) => Fleet.Host(
        i,
        i <= Stopped ? ["fleet", i % 2 == 0 ? "even" : "odd"] : ["broken"],
        new Dictionary<string, string> { ["rack"] = i <= 5 ? "a" : "b" });

    /// <summary>Hosts 1-11: the inventory of the tool tests.</summary>
    public IReadOnlyList<Host> Inventory => Enumerable.Range(1, Stopped).Select(Host).ToList();

    public async Task InitializeAsync()
    {
        await Fleet.StartAsync(Unpinned);
        await Fleet.HaltAsync(Stopped);
        foreach (var i in Enumerable.Range(1, Reachable).Append(Rekeyed))
        {
            var first = new SshRunner(Host(i), Options, Paths, acceptNewHostKey: true);
            var result = await first.RunAsync(new CommandRequest(["true"]), CancellationToken.None);
            result.ExitCode.ShouldBe(0, $"pinning host{i:00}: {result.Stderr}");
        }

        await InventoryFile.SaveAsync(Paths.InventoryFile, Inventory, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Fleet.StopAsync(Paths.ControlDirectory);
        Directory.Delete(Paths.DataDirectory, recursive: true);
    }
}
