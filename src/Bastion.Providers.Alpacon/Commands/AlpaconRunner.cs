using System.Globalization;
using System.Text;
using Bastion.Core;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>
/// Runs commands on an Alpacon server through the Command API, so the same parsers as local and SSH hosts read its
/// output. It submits the command once, then looks every <see cref="AlpaconOptions.PollInterval"/>
/// until <c>handled_at</c> is set and returns <c>exit_code</c> and <c>result</c> (Alpacon's one output stream, as
/// stdout). A command parked at <c>awaiting_approval</c> is waited for up to <see cref="AlpaconOptions.ApprovalWait"/>
/// and never resubmitted; <c>denied</c> and <c>rejected</c> end as errors that say the command did not run;
/// <c>stuck</c> (the agent never took it) and <c>agent_disconnected</c> make the host unreachable. A command still
/// running after the request's timeout is a timed-out result; Alpacon offers no way to end it, so the message says it
/// may still finish there.
/// </summary>
internal sealed class AlpaconRunner(Host host, string workspace, string serverId, AlpaconClients clients, AlpaconOptions options, TimeProvider clock) : IHostRunner
{
    private const int MaxPollFailures = 5;

    public string HostName => host.Name;

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await CommandPlan.ForAsync(request, cancellationToken);
        var client = clients.For(workspace);
        var started = clock.GetTimestamp();
        string id;
        try
        {
            id = await AlpaconCommandApi.SubmitAsync(client, serverId, plan.Line, plan.Data, request.Environment, options, cancellationToken);
        }
        catch (PlatformException e) when (e.Status is null or 401)
        {
            throw new HostUnreachableException(HostName, $"Alpacon did not take the command: {e.Message}", e);
        }

        var executionStarted = started;
        var approvalSeen = false;
        var failures = 0;
        while (true)
        {
            AlpaconCommand command;
            try
            {
                command = await AlpaconCommandApi.GetAsync(client, id, cancellationToken);
                failures = 0;
            }
            catch (PlatformException e) when (e.Transient && ++failures < MaxPollFailures)
            {
                await Task.Delay(options.PollInterval, clock, cancellationToken);
                continue;
            }
            catch (PlatformException e)
            {
                throw new HostUnreachableException(HostName, $"Alpacon command {id} was submitted but its state cannot be read: {e.Message} It may still run; look for it with alpacon_list resource=commands before running it again.", e);
            }

            if (command.HandledAt is not null)
            {
                return Finish(command, plan, request, started);
            }

            switch (command.Status)
            {
                case "awaiting_approval":
                    approvalSeen = true;
                    if (clock.GetElapsedTime(started) >= options.ApprovalWait)
                    {
                        throw new BastionException(
                            $"Host '{HostName}': Alpacon command {id} is awaiting approval by a reviewer (not approved within {options.ApprovalWait.TotalSeconds:0} s). " +
                            "It has not run, and it runs by itself once approved; do not run it again (that would file a second approval request and could run it twice). " +
                            "Its result will show in alpacon_list resource=commands.");
                    }

                    break;
                case "denied":
                    throw new BastionException($"Host '{HostName}': Alpacon denied command {id} (status denied: the token's command ACL does not allow it on this server). It did not run.");
                case "rejected":
                    throw new BastionException($"Host '{HostName}': a reviewer rejected Alpacon command {id} (status rejected). It did not run; do not submit it again unless the reviewer agrees.");
                case "stuck":
                    throw new HostUnreachableException(HostName, $"Alpacon's agent never took command {id} (status stuck): the server is probably disconnected from Alpacon.");
                default:
                    if (approvalSeen)
                    {
                        // The wait for a reviewer is not the command's own time.
                        approvalSeen = false;
                        executionStarted = clock.GetTimestamp();
                    }

                    if (clock.GetElapsedTime(executionStarted) >= request.Timeout)
                    {
                        return new CommandResult(
                            -1,
                            string.Empty,
                            $"Alpacon command {id} was still {command.Status} after {request.Timeout.TotalSeconds:0.#} s; Alpacon cannot end it from here, so it may still finish (see alpacon_list resource=commands).",
                            clock.GetElapsedTime(started),
                            TimedOut: true);
                    }

                    break;
            }

            await Task.Delay(options.PollInterval, clock, cancellationToken);
        }
    }

    private CommandResult Finish(AlpaconCommand command, CommandPlan plan, CommandRequest request, long started)
    {
        var output = command.Result ?? string.Empty;
        var duration = command.ElapsedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : clock.GetElapsedTime(started);
        switch (command.ErrorPhase)
        {
            case "agent_disconnected":
                throw new HostUnreachableException(HostName, $"Alpacon's agent never acknowledged command {command.Id} (error_phase agent_disconnected): the server is probably disconnected from Alpacon.");
            case "agent_timeout" or "remote_command_exceeded_timeout":
                return new CommandResult(-1, Cap(output, request.MaxOutputBytes).Text, $"Alpacon ended command {command.Id} ({command.ErrorPhase}).", duration, TimedOut: true);
        }

        var exitCode = command.ExitCode ?? (command.Success == false || command.Status == "failed" ? 1 : 0);
        if (!plan.Framed)
        {
            var (text, cut) = Cap(output, request.MaxOutputBytes);
            return new CommandResult(exitCode, text, string.Empty, duration, OutputTruncated: cut);
        }

        var (stdout, stderr) = CommandPlan.Unframe(output);
        var (errText, errCut) = Cap(stderr, request.MaxOutputBytes);
        if (request.StdoutSink is { } sink)
        {
            sink.Write(stdout);
            return new CommandResult(exitCode, string.Empty, errText, duration, OutputTruncated: errCut);
        }

        var (outText, outCut) = Cap(Encoding.UTF8.GetString(stdout), request.MaxOutputBytes);
        return new CommandResult(exitCode, outText, errText, duration, OutputTruncated: outCut || errCut);
    }

    private static (string Text, bool Cut) Cap(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return (Encoding.UTF8.GetString(bytes, 0, maxBytes), true);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"alpacon:{workspace}/{serverId}");
}
