namespace Coordinator.Cli;

/// <summary>Input the user can fix (a value, a file); reported as one line, with exit code 2.</summary>
public sealed class UserInputException(string message) : Exception(message);
