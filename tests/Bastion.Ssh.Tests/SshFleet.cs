using System.Diagnostics;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;

namespace Bastion.Ssh.Tests;

/// <summary>
/// Real sshd processes on 127.0.0.2 … 127.0.0.12 (tests/fleet/fleet.sh), each answering `hostname` with its own name,
/// shared by every test in the "fleet" collection. Hosts 1-10 are reachable with their keys pinned; host 11 is stopped.
/// Tests that change a host (its key, its daemon) use hosts of their own beyond those.
/// </summary>
public sealed class SshFleet : IAsyncLifetime
{
    public const int Reachable = 10;
    public const int Stopped = 11;
    public const int Rekeyed = 12;
    public const int Unpinned = 13;
    private const int Count = 13;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bastion-fleet-").FullName;

    public BastionPaths Paths { get; private set; } = null!;

    public SshOptions Options { get; } = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };

    public string KeyFile => Path.Combine(Directory, "id_ed25519");

    public static string Script => Path.Combine(RepositoryRoot(), "tests", "fleet", "fleet.sh");

    public Host Host(int i) => new(
        $"host{i:00}", HostKind.Ssh, $"127.0.0.{i + 1}", 22, "fleet1", KeyFile, null,
        i <= Reachable ? ["fleet", i % 2 == 0 ? "even" : "odd"] : ["broken"],
        new Dictionary<string, string> { ["rack"] = i <= 5 ? "a" : "b" });

    public IReadOnlyList<Host> Hosts => Enumerable.Range(1, Count).Select(Host).ToList();

    public async Task InitializeAsync()
    {
        Paths = new BastionPaths(Path.Combine(Directory, "data"));
        await RunScriptAsync("start", Directory, Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await RunScriptAsync("halt", Directory, Stopped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var i in Enumerable.Range(1, Reachable).Append(Rekeyed))
        {
            var first = new SshRunner(Host(i), Options, Paths, acceptNewHostKey: true);
            var result = await first.RunAsync(new Core.Execution.CommandRequest(["true"]), CancellationToken.None);
            result.ExitCode.ShouldBe(0, $"pinning host{i:00}: {result.Stderr}");
        }
    }

    public async Task DisposeAsync()
    {
        await RunScriptAsync("stop", Directory);
        foreach (var socket in System.IO.Directory.Exists(Paths.ControlDirectory) ? System.IO.Directory.GetFiles(Paths.ControlDirectory) : [])
        {
            // Masters exit on their own after ControlPersist; ask them now so no ssh outlives the tests.
            using var exit = Process.Start("ssh", ["-o", $"ControlPath={socket}", "-O", "exit", "x"]);
            await exit.WaitForExitAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public static async Task RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"fleet.sh {string.Join(' ', args)}: {await stderr}");
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bastion.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bastion.slnx not found above the test folder.");
    }
}
