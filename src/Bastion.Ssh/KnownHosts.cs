using System.Globalization;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Ssh;

/// <summary>The host keys Bastion has recorded (its own known_hosts file), read and edited with ssh-keygen.</summary>
public sealed class KnownHosts(BastionPaths paths)
{
    /// <summary>How known_hosts names the host: its address, with the port when not 22.</summary>
    public static string Lookup(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Port is null or 22 ? host.Address : string.Create(CultureInfo.InvariantCulture, $"[{host.Address}]:{host.Port}");
    }

    /// <summary>The recorded key fingerprints of <paramref name="host"/> (e.g. "ED25519 SHA256:…"); empty when none is recorded.</summary>
    public async Task<IReadOnlyList<string>> FingerprintsAsync(Host host, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.KnownHostsFile))
        {
            return [];
        }

        var result = await ProcessExecutor.RunAsync(host.Name, ["ssh-keygen", "-l", "-F", Lookup(host), "-f", paths.KnownHostsFile], new CommandRequest([]), null, cancellationToken);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2) is [_, var rest] ? rest : l)
            .ToList();
    }

    /// <summary>Forgets the recorded keys of <paramref name="host"/>; returns whether any were recorded.</summary>
    public async Task<bool> ForgetAsync(Host host, CancellationToken cancellationToken)
    {
        if ((await FingerprintsAsync(host, cancellationToken)).Count == 0)
        {
            return false;
        }

        var result = await ProcessExecutor.RunAsync(host.Name, ["ssh-keygen", "-R", Lookup(host), "-f", paths.KnownHostsFile], new CommandRequest([]), null, cancellationToken);
        File.Delete(paths.KnownHostsFile + ".old");
        return result.ExitCode == 0;
    }
}
