using System.Diagnostics;
using System.Globalization;
using Bastion.Core.Inventory;

namespace Bastion.Testing;

/// <summary>
/// Real sshd processes started by tests/fleet/fleet.sh: host i listens on 127.0.0.(base+i+1):22 and answers
/// `hostname` with hostNN. Each test project uses its own base so that suites running at once never collide.
/// </summary>
public sealed class LoopbackFleet(int addressBase)
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bastion-fleet-").FullName;

    /// <summary>The client key every host accepts for user fleet1.</summary>
    public string KeyFile => Path.Combine(Directory, "id_ed25519");

    public string Address(int i) => $"127.0.0.{addressBase + i + 1}";

    /// <summary>Host i as an inventory entry (user fleet1, the fleet's key), with the given groups and labels.</summary>
    public Host Host(int i, IReadOnlyList<string>? groups = null, IReadOnlyDictionary<string, string>? labels = null) =>
        new($"host{i:00}", HostKind.Ssh, Address(i), 22, "fleet1", KeyFile, null, groups ?? [], labels ?? new Dictionary<string, string>());

    public Task StartAsync(int count) => RunAsync("start", Directory, count.ToString(CultureInfo.InvariantCulture));

    public Task HaltAsync(int i) => RunAsync("halt", Directory, i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts host i again after <see cref="HaltAsync"/>, with the same host key.</summary>
    public Task RestartAsync(int i) => RunAsync("restart", Directory, i.ToString(CultureInfo.InvariantCulture));

    public Task RekeyAsync(int i) => RunAsync("rekey", Directory, i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Stops every sshd, closes the masters under <paramref name="controlDirectory"/>, and deletes the fleet's folder.</summary>
    public async Task StopAsync(string? controlDirectory)
    {
        await RunAsync("stop", Directory);
        foreach (var socket in controlDirectory is not null && System.IO.Directory.Exists(controlDirectory) ? System.IO.Directory.GetFiles(controlDirectory) : [])
        {
            using var exit = Process.Start("ssh", ["-o", $"ControlPath={socket}", "-O", "exit", "x"]);
            await exit.WaitForExitAsync();
        }

        if (controlDirectory is not null && System.IO.Directory.Exists(controlDirectory))
        {
            System.IO.Directory.Delete(controlDirectory, recursive: true);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "tests", "fleet", "fleet.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FLEET_BASE"] = addressBase.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fleet.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }
    }
}
