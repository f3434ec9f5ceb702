namespace Bastion.Core.Execution;

/// <summary>Running commands through a runner where a timeout is the host's failure, not a result.</summary>
public static class HostRunnerExtensions
{
    /// <summary>Runs <paramref name="request"/>; a command that ran past its timeout becomes a <see cref="HostTimeoutException"/>.</summary>
    /// <param name="runner">The host's runner.</param>
    /// <param name="request">The command.</param>
    /// <param name="what">What the command does, for the message (e.g. "reading the log").</param>
    /// <param name="cancellationToken">Ends the command.</param>
    /// <exception cref="HostTimeoutException">The command did not finish within its timeout.</exception>
    public static async Task<CommandResult> RunWithinTimeoutAsync(this IHostRunner runner, CommandRequest request, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(request);
        var result = await runner.RunAsync(request, cancellationToken);
        return result.TimedOut ? throw new HostTimeoutException(runner.HostName, request.Timeout, what) : result;
    }

    /// <summary>Runs <paramref name="script"/> (built with <see cref="ScriptSections"/>; C locale) on the runner's host and splits its output into sections.</summary>
    /// <exception cref="BastionException">The script timed out, or its output was cut short.</exception>
    public static async Task<HostFacts> ReadFactsAsync(
        this IHostRunner runner,
        string script,
        CancellationToken cancellationToken,
        params IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(script);
        var result = await runner.RunWithinTimeoutAsync(CommandRequest.Facts(script, args), "reading facts", cancellationToken);
        try
        {
            return new HostFacts(runner.HostName, ScriptSections.Parse(result.Stdout));
        }
        catch (FormatException e)
        {
            throw new BastionException($"Host '{runner.HostName}': {e.Message} (exit code {result.ExitCode}: {ParseStderr(result.Stderr)})", e);
        }
    }

    private static string ParseStderr(string stderr) =>
        stderr.Length <= 300 ? stderr.Trim() : stderr[..300].Trim() + "…";
}
