using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Utilities;

/// <summary>
/// <c>completion/complete</c>: suggests, for the arguments of <c>test_prompt_with_arguments</c> and the <c>id</c> of
/// the template resource, the known values that start with what was typed (case-insensitive); nothing for others.
/// </summary>
internal static class Completions
{
    private const int MaxValues = 100;

    private static readonly Dictionary<(string Ref, string Argument), string[]> Known = new()
    {
        [("test_prompt_with_arguments", "arg1")] = ["test", "testValue1", "paris", "park", "party"],
        [("test_prompt_with_arguments", "arg2")] = ["test", "testValue2", "world"],
        [("test://template/{id}/data", "id")] = ["1", "2", "3", "123"],
    };

    /// <summary>Sets <paramref name="handlers"/>' completion handler; the SDK then advertises <c>completions</c>.</summary>
    public static void AddTo(McpServerHandlers handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        handlers.CompleteHandler = (context, _) => ValueTask.FromResult(Complete(context.Params));
    }

    /// <summary>The completion of one request.</summary>
    public static CompleteResult Complete(CompleteRequestParams? request)
    {
        var reference = request?.Ref switch
        {
            PromptReference prompt => prompt.Name,
            ResourceTemplateReference template => template.Uri,
            _ => null,
        };
        var argument = request?.Argument;
        var matches = reference is not null && argument is not null && Known.TryGetValue((reference, argument.Name), out var values)
            ? values.Where(v => v.StartsWith(argument.Value ?? string.Empty, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        return new CompleteResult
        {
            Completion = new Completion { Values = [.. matches.Take(MaxValues)], Total = matches.Count, HasMore = matches.Count > MaxValues },
        };
    }
}
