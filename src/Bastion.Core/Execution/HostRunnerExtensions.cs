namespace Bastion.Core.Execution;

/// <summary>Reading facts through a runner.</summary>
public static class HostRunnerExtensions
{
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
        var request = CommandRequest.Facts(script, args);
        var result = await runner.RunAsync(request, cancellationToken);
        if (result.TimedOut)
        {
            throw new HostTimeoutException(runner.HostName, request.Timeout, "reading facts");
        }

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
