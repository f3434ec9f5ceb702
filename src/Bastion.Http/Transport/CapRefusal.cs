using System.Text.Json.Nodes;

namespace Bastion.Http.Transport;

/// <summary>A slot refused because a cap is reached.</summary>
/// <param name="Cap">The cap's name as the error data carries it, e.g. <c>sessions_per_tenant</c>.</param>
/// <param name="Flag">The command-line option that sets it, e.g. <c>--max-sessions-per-tenant</c>.</param>
/// <param name="Limit">Its value.</param>
/// <param name="Message">The sentence for the client: which cap, whose, and how to free a slot.</param>
internal sealed record CapRefusal(string Cap, string Flag, int Limit, string Message)
{
    /// <summary>The JSON-RPC error's <c>data</c>: <c>{"cap": …, "limit": …, "option": …}</c>.</summary>
    public JsonObject Data() => new() { ["cap"] = Cap, ["limit"] = Limit, ["option"] = Flag };
}
