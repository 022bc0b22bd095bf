package io.dispatch.work;

import org.springframework.stereotype.Component;

/** Returns what it was given: the smallest use case, which proves the whole path. */
@Component
class EchoTestUseCase implements UseCase<EchoTestPayload, EchoTestPayload> {

    @Override
    public String type() {
        return "echo-test";
    }

    @Override
    public EchoTestPayload execute(EchoTestPayload payload) {
        return payload;
    }
}
