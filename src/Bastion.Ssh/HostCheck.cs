using System.Diagnostics;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Ssh;

/// <summary>
/// First contact with a host, as <c>bastion hosts add</c> and <c>bastion hosts test</c> make it: connects (recording the
/// host key if none is recorded yet; a changed key is still refused), asks the host its name, and reports the recorded
/// key fingerprints.
/// </summary>
public sealed class HostCheck(SshOptions options, BastionPaths paths)
{
    private readonly KnownHosts _knownHosts = new(paths);

    /// <summary>Checks <paramref name="host"/>; never throws for a host that cannot be reached, the result says why.</summary>
    public async Task<HostCheckResult> CheckAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stopwatch = Stopwatch.StartNew();
        IHostRunner runner = host.Kind == HostKind.Local ? new LocalRunner() : new SshRunner(host, options, paths, acceptNewHostKey: true);
        try
        {
            var result = await runner.RunAsync(new CommandRequest(["uname", "-n"]) { Timeout = options.ConnectTimeout + TimeSpan.FromSeconds(10) }, cancellationToken);
            var seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3);
            var fingerprints = host.Kind == HostKind.Local ? [] : await _knownHosts.FingerprintsAsync(host, cancellationToken);
            return result.Succeeded
                ? new HostCheckResult(host.Name, true, result.Stdout.Trim(), seconds, fingerprints, null)
                : new HostCheckResult(host.Name, false, null, seconds, fingerprints, result.TimedOut ? "the host did not answer in time" : $"uname failed: {result.Stderr.Trim()}");
        }
        catch (HostUnreachableException e)
        {
            return new HostCheckResult(host.Name, false, null, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), [], e.Message);
        }
    }

    /// <summary>Forgets the recorded keys of <paramref name="host"/> and closes its master connection.</summary>
    public async Task<bool> ForgetKeyAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await new SshRunner(host, options, paths).CloseAsync();
        return await _knownHosts.ForgetAsync(host, cancellationToken);
    }

    /// <summary>The recorded key fingerprints of <paramref name="host"/>.</summary>
    public Task<IReadOnlyList<string>> FingerprintsAsync(Host host, CancellationToken cancellationToken) =>
        _knownHosts.FingerprintsAsync(host, cancellationToken);
}
