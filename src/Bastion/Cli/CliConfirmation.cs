using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Bastion.Core;

namespace Bastion.Cli;

/// <summary>
/// How <c>bastion call</c> answers the server's confirmation question (MCP elicitation, the same one a desktop client
/// shows): with <c>--yes</c>, yes (the audit log records the call as confirmed by the local user); at a terminal, the
/// plan is shown on stderr and the user answers y/N; otherwise no, and <see cref="RefusedUnasked"/> says why.
/// </summary>
/// <param name="yes">--yes was given.</param>
/// <param name="terminal">stdin is a terminal a person can answer at.</param>
/// <param name="input">Where the answer is read from.</param>
/// <param name="prompt">Where the question goes (stderr: stdout holds the result).</param>
internal sealed class CliConfirmation(bool yes, bool terminal, TextReader input, TextWriter prompt)
{
    private const string Approve = "approve";

    /// <summary>True when a confirmation was asked for and refused because there was neither --yes nor a terminal.</summary>
    public bool RefusedUnasked { get; private set; }

    /// <summary>The in-process client's options: its name, and this answerer as its elicitation handler.</summary>
    public McpClientOptions ClientOptions() => new()
    {
        ClientInfo = new Implementation { Name = "bastion-cli", Version = Mcp.BastionServer.Version },
        Handlers = new McpClientHandlers { ElicitationHandler = (request, cancellationToken) => AnswerAsync(request, cancellationToken) },
    };

    private async ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? request, CancellationToken cancellationToken)
    {
        if (request?.RequestedSchema?.Properties.ContainsKey(Approve) != true)
        {
            // Not a yes/no confirmation: the CLI has no form to fill in.
            return new ElicitResult { Action = "decline" };
        }

        if (yes)
        {
            await prompt.WriteLineAsync($"{request.Message} Yes (--yes).");
            return Accept();
        }

        if (!terminal)
        {
            RefusedUnasked = true;
            return new ElicitResult { Action = "decline" };
        }

        await prompt.WriteAsync($"{request.Message} [y/N] ");
        await prompt.FlushAsync(cancellationToken);
        var answer = (await input.ReadLineAsync(cancellationToken))?.Trim();
        return answer is "y" or "Y" or "yes" or "YES" or "Yes" ? Accept() : new ElicitResult { Action = "decline" };
    }

    private static ElicitResult Accept() => new()
    {
        Action = "accept",
        Content = new Dictionary<string, JsonElement> { [Approve] = JsonSerializer.SerializeToElement(true, CommonJson.Default.Boolean) },
    };
}
