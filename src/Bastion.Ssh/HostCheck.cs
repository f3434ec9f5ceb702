using System.Diagnostics;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Ssh;

/// <summary>
/// The one reachability check of a host, as <c>bastion hosts add</c>, <c>bastion hosts test</c> and <c>bastion doctor</c>
/// make it: connects (recording the host key if none is recorded yet and <paramref name="recordNewKeys"/> is true; a
/// changed key is always refused), asks the host its name (<c>uname -n</c>), and reports the recorded key fingerprints.
/// </summary>
/// <param name="options">How ssh is run; the check waits <see cref="SshOptions.ConnectTimeout"/> plus 10 s for an answer.</param>
/// <param name="paths">The data directory whose known_hosts and control sockets are used.</param>
/// <param name="recordNewKeys">True for first contact (hosts add/test); false to check without recording anything
/// (doctor): a host whose key is not yet known then fails, saying so.</param>
public sealed class HostCheck(SshOptions options, BastionPaths paths, bool recordNewKeys = true)
{
    private readonly KnownHosts _knownHosts = new(paths);

    /// <summary>Checks <paramref name="host"/>; never throws for a host that cannot be reached, the result says why.</summary>
    public async Task<HostCheckResult> CheckAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stopwatch = Stopwatch.StartNew();
        IHostRunner runner = host.Kind == HostKind.Local ? new LocalRunner() : new SshRunner(host, options, paths, acceptNewHostKey: recordNewKeys);
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
