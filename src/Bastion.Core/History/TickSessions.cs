using System.Collections.Concurrent;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// The collector's long-lived sessions, one per host whose runner can keep one (<see cref="ISessionRunner"/>: the local
/// host, SSH hosts), so a tick writes its script to an open shell instead of starting a process (an ssh client) per host
/// per tick; still one round trip per host per tick. A host without a session runs its tick the ordinary way (so an
/// unreachable or hung host costs what it did, and its error is the runner's own), and a session is opened once it
/// answers. A session is ended when it dies (that tick runs the ordinary way instead), when a tick times out (its local
/// process is killed and its process group on the host ended), or when the host's inventory entry changes; it is closed
/// when the host leaves the sampled hosts or the collector stops.
/// </summary>
public sealed class TickSessions : IAsyncDisposable
{
    private const string What = "reading history counters";

    private readonly ConcurrentDictionary<string, TickSession> _open = new(StringComparer.Ordinal);

    /// <summary>Hosts with an open session.</summary>
    public int Count => _open.Count;

    /// <summary>The local process id of the host's session (the local shell or the ssh client); null when none is open.</summary>
    public int? ProcessIdOf(string host) => _open.TryGetValue(host, out var session) ? session.ProcessId : null;

    /// <summary>The process group of the host's session shell on the host, as the shell reported it on its first tick;
    /// null when no session is open or it has not run yet.</summary>
    public string? ProcessGroupOf(string host) => _open.TryGetValue(host, out var session) ? session.ProcessGroup : null;

    /// <summary>Runs the history script (<see cref="HistoryScript"/>) on <paramref name="host"/> over its session, or the
    /// ordinary way when its runner keeps none or it has no session yet (then, if the host answered, a session is opened
    /// for its next tick).</summary>
    /// <exception cref="HostTimeoutException">No answer within <paramref name="timeout"/> (the session is ended).</exception>
    /// <exception cref="HostUnreachableException">The host could not be reached.</exception>
    /// <exception cref="BastionException">The output could not be read.</exception>
    public async Task<HostReading> ReadAsync(Host host, IHostRunner runner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(runner);
        if (runner is not ISessionRunner sessions)
        {
            return await HistoryScript.ReadAsync(runner, timeout, cancellationToken);
        }

        var session = await OpenSessionAsync(host);
        if (session is null)
        {
            return await ReadOnceAsync(host, sessions, timeout, cancellationToken);
        }

        string output;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout);
            try
            {
                output = await session.RunAsync(HistoryScript.Text, deadline.Token);
            }
            catch (Exception e) when (e is OperationCanceledException || (e is IOException && deadline.IsCancellationRequested))
            {
                await EndAsync(host.Name, session, sessions);
                cancellationToken.ThrowIfCancellationRequested();
                throw new HostTimeoutException(host.Name, timeout, What);
            }
            catch (IOException)
            {
                // The session died (killed, connection lost, host gone): this tick runs the ordinary way, whose error
                // says why the host cannot be reached; a new session is opened once the host answers.
                await EndAsync(host.Name, session, sessions);
                return await ReadOnceAsync(host, sessions, timeout, cancellationToken);
            }
        }

        try
        {
            return HistoryScript.Parse(host.Name, output);
        }
        catch (FormatException e)
        {
            await EndAsync(host.Name, session, sessions);
            throw new BastionException($"Host '{host.Name}': {e.Message} (over the collector's session)", e);
        }
    }

    /// <summary>Closes the sessions of hosts not in <paramref name="keep"/>.</summary>
    public async Task CloseOthersAsync(IReadOnlySet<string> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        foreach (var name in _open.Keys.Where(n => !keep.Contains(n)).ToList())
        {
            if (_open.TryRemove(name, out var session))
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Closes every session.</summary>
    public async ValueTask DisposeAsync() => await CloseOthersAsync(new HashSet<string>());

    /// <summary>The host's open session; null when it has none (one for an older inventory entry is closed).</summary>
    private async Task<TickSession?> OpenSessionAsync(Host host)
    {
        if (!_open.TryGetValue(host.Name, out var open))
        {
            return null;
        }

        if (open.Host.SameAs(host))
        {
            return open;
        }

        if (_open.TryRemove(new KeyValuePair<string, TickSession>(host.Name, open)))
        {
            await open.DisposeAsync();
        }

        return null;
    }

    /// <summary>One run the ordinary way (a process per run, the runner's own errors); when the host answered, a session
    /// is started for its next tick.</summary>
    private async Task<HostReading> ReadOnceAsync(Host host, ISessionRunner runner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reading = await HistoryScript.ReadAsync(runner, timeout, cancellationToken);
        try
        {
            var started = TickSession.Start(host, runner.SessionArgv);
            if (!_open.TryAdd(host.Name, started))
            {
                await started.DisposeAsync();
            }
        }
        catch (IOException)
        {
            // No session this time; the next tick runs the ordinary way again.
        }

        return reading;
    }

    private async Task EndAsync(string host, TickSession session, ISessionRunner runner)
    {
        _open.TryRemove(new KeyValuePair<string, TickSession>(host, session));
        session.Kill();
        if (session.ProcessGroup is { } group)
        {
            await runner.EndSessionAsync(group);
        }

        await session.DisposeAsync();
    }
}
