namespace Bastion.Fakes.CloudStack;

/// <summary>An error the fake answers the way CloudStack does: HTTP status = errorcode, body with errorcode, cserrorcode and errortext.</summary>
public sealed class FakeApiException : Exception
{
    public FakeApiException(int errorCode, string errorText, int csErrorCode = 9999)
        : base(errorText)
    {
        ErrorCode = errorCode;
        CsErrorCode = csErrorCode;
    }

    public FakeApiException() : this(530, "internal error") { }

    public FakeApiException(string message) : this(530, message) { }

    public FakeApiException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorCode = 530;
        CsErrorCode = 9999;
    }

    /// <summary>CloudStack's errorcode (and the HTTP status).</summary>
    public int ErrorCode { get; }

    /// <summary>CloudStack's cserrorcode (exception class code; 9999 generic).</summary>
    public int CsErrorCode { get; }

    public static FakeApiException Unauthorized() => new(401, "unable to verify user credentials and/or request signature");

    /// <summary>What CloudStack answers for a command it does not have, or that the caller's role may not call (ApiServer: UNSUPPORTED_ACTION_ERROR).</summary>
    public static FakeApiException NoSuchCommand(string command) =>
        new(432, $"The given command '{command}' either does not exist, is not available for user.");

    public static FakeApiException Missing(string command, string parameter) =>
        new(431, $"Unable to execute API command {command.ToLowerInvariant()} due to missing parameter {parameter}");
}
