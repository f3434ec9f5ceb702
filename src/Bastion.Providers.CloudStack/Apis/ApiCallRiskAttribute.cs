using System.Text.Json;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>
/// Tells the call pipeline, call by call, what cloudstack_api_call would do: an API whose name begins with list, get,
/// query or is only reads (no confirmation); any other is a change, confirmed with the API and the parameters it would
/// send in the question. An unknown API or bad parameters refuse the call before anyone is asked.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ApiCallRiskAttribute : CallRiskAttribute
{
    /// <inheritdoc/>
    public override async ValueTask<CallChange?> AssessAsync(IServiceProvider services, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(arguments);
        var name = arguments.TryGetValue("api", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        if (name is null)
        {
            // The schema requires it; without it the tool's own binding answers.
            return null;
        }

        var calls = services.GetRequiredService<CloudStackApiCalls>();
        var (api, sent) = await calls.PrepareAsync(name, arguments.TryGetValue("params", out var p) ? p : null, cancellationToken);
        if (api.Kind == "read")
        {
            return null;
        }

        var described = sent.Count == 0 ? "no parameters" : string.Join(", ", sent.Select(s => $"{s.Key}={s.Value}"));
        return new CallChange(
            $"call CloudStack's {api.Name}{(api.IsAsync ? " (an async job)" : string.Empty)} with {described}",
            $"{api.Name} is not a read (only list*, get*, query* and is* APIs are): it may create, change or remove resources. CloudStack describes it as: {api.Description?.TrimEnd('.') ?? "no description"}.");
    }
}
