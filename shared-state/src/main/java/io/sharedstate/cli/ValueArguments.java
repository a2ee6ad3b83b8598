package io.sharedstate.cli;

import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

/**
 * Takes the VALUE arguments of {@code set} and the DELTA of {@code incr} as they are, so that {@code -5},
 * {@code -inf} and {@code -nan} are values: picocli would read {@code -inf} as {@code -i} (the short form of
 * {@code --index}) followed by {@code nf}. Only the command's exact option names ({@code --index}, {@code -i},
 * {@code --type=q}...) end the values; {@code --} before them is accepted and skipped.
 */
final class ValueArguments implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        int max = argSpec.arity().max();
        List<String> values = new ArrayList<>();
        if (argSpec.getValue() instanceof List<?> previous) {
            previous.forEach(value -> values.add((String) value));
        }
        boolean rest = false;
        while (!args.isEmpty() && values.size() < max) {
            String next = args.peek();
            if (!rest && next.equals("--")) {
                args.pop();
                rest = true;
                continue;
            }
            if (!rest && isOption(next, commandSpec)) {
                break;
            }
            values.add(args.pop());
        }
        if (argSpec.type() == List.class) {
            argSpec.setValue(values);
        } else if (!values.isEmpty()) {
            argSpec.setValue(values.get(0));
        }
    }

    private static boolean isOption(String arg, CommandSpec commandSpec) {
        int equals = arg.indexOf('=');
        return commandSpec.optionsMap().containsKey(equals > 0 ? arg.substring(0, equals) : arg);
    }
}
