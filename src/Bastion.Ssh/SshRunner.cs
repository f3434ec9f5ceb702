using System.Globalization;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Ssh;

/// <summary>
/// Runs commands on a host through the system's OpenSSH client, so users' ssh_config, agents, ProxyJump and
/// certificates work as they do for ssh: batch mode, one multiplexed master connection per host
/// (ControlMaster/ControlPersist in a private directory), host keys checked against the known_hosts file Bastion manages. The remote command first reports its process group on stderr, so a timeout or a
/// cancellation ends the remote work too, not only the local ssh client.
/// </summary>
public sealed class SshRunner : ISessionRunner
{
    private const string Marker = "@@bastion-pgid ";

    // Runs the argv that follows it, after telling the client (first stderr line) which process group to kill. Shell
    // builtins only, no command substitution: reading the process group costs no fork. /proc/PID/stat is
    // "pid (comm) state ppid pgrp …"; the comm may hold spaces, so the fields are counted after its closing ") ".
    private const string Wrapper = "read -r s < /proc/$$/stat; s=${s##*) }; s=${s#* }; s=${s#* }; printf '" + Marker + "%s\\n' \"${s%% *}\" >&2; exec \"$0\" \"$@\"";

    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    private readonly Host _host;
    private readonly List<string> _sshArgs;
    private readonly string _endpoint;

    /// <param name="host">The host to reach; its address, port, user, identity file and jump host are used.</param>
    /// <param name="options">The ssh program, config file and timeouts.</param>
    /// <param name="paths">Where the known_hosts file and the control-socket directory are.</param>
    /// <param name="acceptNewHostKey">First contact: record an unknown host key (a changed key is still refused).</param>
    public SshRunner(Host host, SshOptions options, BastionPaths paths, bool acceptNewHostKey = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);

        // Every value below is held to a shape ssh cannot read as an option or a shell can expand, wherever the host
        // came from (the inventory file, an importer, a platform's API); the values also sit behind -p/-l/-i/-J and '--'.
        if (HostValidator.SshProblems(host) is { Count: > 0 } problems)
        {
            throw new BastionException($"Host '{host.Name}' cannot be reached over SSH: {string.Join("; ", problems)}.");
        }

        _host = host;
        _endpoint = $"{(host.User is null ? string.Empty : host.User + "@")}{host.Address}:{host.Port ?? 22}";
        BastionPaths.EnsurePrivateDirectory(paths.ControlDirectory);
        paths.EnsureDataDirectory();

        var args = new List<string>
        {
            options.SshPath, "-T",
            "-o", "BatchMode=yes",
            "-o", "LogLevel=ERROR",
            "-o", "ControlMaster=auto",
            "-o", $"ControlPath={paths.ControlDirectory}/%C",
            "-o", $"ControlPersist={(int)options.ControlPersist.TotalSeconds}",
            "-o", $"StrictHostKeyChecking={(acceptNewHostKey ? "accept-new" : "yes")}",
            "-o", $"UserKnownHostsFile={paths.KnownHostsFile}",
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "UpdateHostKeys=no",
            "-o", $"ConnectTimeout={Math.Max(1, (int)options.ConnectTimeout.TotalSeconds)}",
            "-o", "ServerAliveInterval=15",
            "-o", "ServerAliveCountMax=3",
        };
        if (options.ConfigFile is { } config)
        {
            args.AddRange(["-F", config]);
        }

        if (host.Port is { } port)
        {
            args.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (host.User is { } user)
        {
            args.AddRange(["-l", user]);
        }

        if (host.IdentityFile is { } identity)
        {
            args.AddRange(["-i", ExpandHome(identity), "-o", "IdentitiesOnly=yes"]);
        }

        if (host.Jump is { } jump)
        {
            args.AddRange(["-J", jump]);
        }

        args.AddRange(["--", host.Address]);
        _sshArgs = args;
    }

    public string HostName => _host.Name;

    /// <summary>ssh running <c>/bin/sh</c> on the host (over the master connection, like every command), reading stdin.</summary>
    public IReadOnlyList<string> SessionArgv => [.. _sshArgs, "exec /bin/sh"];

    /// <summary>Ends the session's remote process group over a fresh command (TERM, then KILL a second later).</summary>
    public Task EndSessionAsync(string processGroup) =>
        int.TryParse(processGroup, out var group) && group > 1 ? KillRemoteAsync(group.ToString(CultureInfo.InvariantCulture)) : Task.CompletedTask;

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remote = request.Environment.Count == 0
            ? request.Argv
            : ["env", .. request.Environment.Select(e => $"{e.Key}={e.Value}"), .. request.Argv];
        string? processGroup = null;
        var hooks = new ProcessHooks(
            FirstStderrLine: line =>
            {
                if (!line.StartsWith(Marker, StringComparison.Ordinal))
                {
                    return false;
                }

                processGroup = line[Marker.Length..].Trim();
                return true;
            },
            BeforeKill: () => processGroup is { } group && int.TryParse(group, out _) ? KillRemoteAsync(group) : Task.CompletedTask);

        var argv = (IReadOnlyList<string>)[.. _sshArgs, $"/bin/sh -c {ShellQuote.Quote(Wrapper)} {ShellQuote.Join(remote)}"];
        var result = await ProcessExecutor.RunAsync(_host.Name, argv, request with { Environment = new Dictionary<string, string>() }, hooks, cancellationToken);
        if (processGroup is null && !result.TimedOut)
        {
            // The remote side never started: ssh could not open a session (255), or /bin/sh is missing there.
            throw new HostUnreachableException(_host.Name, SshFailure.Describe(_host.Name, _endpoint, result.Stderr));
        }

        if (processGroup is null && result.TimedOut)
        {
            throw new HostUnreachableException(_host.Name, $"no SSH session to {_endpoint} within {request.Timeout.TotalSeconds:0.#} s.");
        }

        return result;
    }

    /// <summary>Closes the host's master connection, if one is open (ssh -O exit), so that the next command connects afresh.</summary>
    public async Task CloseAsync()
    {
        var argv = _sshArgs.Take(_sshArgs.Count - 2).Concat(["-O", "exit", "--", _host.Address]).ToList();
        await ProcessExecutor.RunAsync(_host.Name, argv, new CommandRequest([]) { Timeout = KillTimeout }, null, CancellationToken.None);
    }

    private async Task KillRemoteAsync(string processGroup)
    {
        try
        {
            var kill = $"kill -TERM -- -{processGroup} 2>/dev/null; sleep 1; kill -KILL -- -{processGroup} 2>/dev/null; true";
            await ProcessExecutor.RunAsync(_host.Name, [.. _sshArgs, kill], new CommandRequest([]) { Timeout = KillTimeout }, null, CancellationToken.None);
        }
        catch (HostUnreachableException)
        {
            // The connection is gone; the remote side sees it closed and its output pipes break.
        }
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
