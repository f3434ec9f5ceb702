using System.Text.Json;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>
/// Sends one day-two change (POST or DELETE, once, never retried after a failure) and follows it: when Cloudways
/// answers with an <c>operation_id</c> the change is waited for through <see cref="CloudwaysOperations"/> (progress at
/// every look; a failed operation is an error naming Cloudways' reason); otherwise Cloudways' answer is the outcome.
/// </summary>
internal sealed class CloudwaysChanges(CloudwaysClient client, CloudwaysOperations operations)
{
    /// <summary>Most items per array of an answer passed on.</summary>
    public const int AnswerItems = 100;

    /// <summary>Runs <paramref name="request"/>; with <paramref name="wait"/> false an operation is returned running.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call, the operation failed, or it did not finish in time.</exception>
    public async Task<ChangeResult> RunAsync(ChangeRequest request, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = request.Fields.ToArray();
        var answer = request.Method == HttpMethod.Delete
            ? await client.DeleteAsync(request.Path, cancellationToken, fields)
            : await client.PostAsync(request.Path, cancellationToken, fields);
        var call = $"{request.Method.Method} {request.Path}";
        if (CloudwaysOperations.IdIn(answer) is not { } id)
        {
            var (value, cut) = JsonBounds.Cut(answer, AnswerItems);
            return new ChangeResult(call, null, OperationState.Completed, answer.Text("message"), 0, value, cut);
        }

        if (!wait)
        {
            return new ChangeResult(call, id, OperationState.Running, null, 0, null, false);
        }

        var (operation, seconds) = await operations.WaitAsync(id, request.What, progress, cancellationToken);
        JsonElement? result = null;
        var truncated = false;
        if (operation.Result is { } produced)
        {
            (var value, truncated) = JsonBounds.Cut(produced, AnswerItems);
            result = value;
        }

        return new ChangeResult(call, operation.Id, operation.State, operation.Status ?? operation.Message, seconds, result, truncated);
    }
}
