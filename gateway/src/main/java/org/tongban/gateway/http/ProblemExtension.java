package org.tongban.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tongban.contracts.error.Problem;

/**
 * A failure that answers with a problem carrying members of its own besides the standard ones
 * (RFC 9457 extension members), e.g. the eligibility reasons of each refused penalty.
 */
public interface ProblemExtension {
    /** The problem: stable code, status, detail, violations. */
    Problem problem();

    /** Adds this failure's own members to the problem's JSON object. */
    void extend(ObjectNode problem);
}
