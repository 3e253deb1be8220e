namespace Crm.CustomerReadModel;

/// <summary>The store failed (it is unreachable, its file is locked, its disk is full ...); the message says which and how.</summary>
public sealed class CustomerReadModelException(string message, Exception? innerException = null) : Exception(message, innerException);
