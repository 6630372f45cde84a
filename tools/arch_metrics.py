"""Figures of the server's wiring: module sizes, import cycles, deferred imports, transactions.

Run from the top of a checkout::

    python tools/arch_metrics.py

It reads the source as text (``ast``), so it runs without importing the project.

* largest module: lines of the biggest ``.py`` file under novaapi/ and novaclient/
  (migrations left out: they are generated);
* import cycles: strongly connected groups of modules, with their sizes, once from
  module-level imports and once counting the imports deferred into functions too;
* function-level imports: ``import`` statements inside a function or method;
* transaction sites outside the domain layer: ``transaction(`` calls in the HTTP layer
  (controllers, WSGI apps) of every service.
"""

import ast
import collections
import pathlib
import sys

PACKAGES = ('novaapi', 'novaclient')
HTTP_LAYER = ('novaapi/api/', 'novaapi/identity/controllers/', 'novaapi/image/controllers/',
              'novaapi/network/controllers/', 'novaapi/volume/controllers/',
              'novaapi/identity/app.py', 'novaapi/image/app.py', 'novaapi/network/app.py',
              'novaapi/identity/wsgi.py', 'novaapi/web/')


def _module_name(path):
    parts = list(path.with_suffix('').parts)
    if parts[-1] == '__init__':
        parts.pop()
    return '.'.join(parts)


def _sources(root):
    for package in PACKAGES:
        for path in sorted((root / package).rglob('*.py')):
            rel = path.relative_to(root)
            if 'migrations' in rel.parts:
                continue
            yield rel, path.read_text()


def _resolve(module, node, is_package):
    if node.level == 0:
        return node.module or ''
    base = module.split('.')
    base = base if is_package else base[:-1]
    base = base[:len(base) - node.level + 1]
    return '.'.join(base + ([node.module] if node.module else []))


def _imports(rel, tree, known):
    """(module-level targets, all targets, function-level count) of one module."""
    module = _module_name(rel)
    is_package = rel.name == '__init__.py'
    top, every, deferred = set(), set(), 0
    scopes = [(tree, False)]
    while scopes:
        node, in_function = scopes.pop()
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                deferred += in_function
                if isinstance(child, ast.Import):
                    names = [alias.name for alias in child.names]
                else:
                    base = _resolve(module, child, is_package)
                    # ``from package import submodule`` depends on the submodule; a name
                    # that is no module of ours depends on the module that defines it.
                    names = [base + '.' + alias.name if base + '.' + alias.name in known
                             else base for alias in child.names]
                for name in names:
                    while name and name not in known:
                        name = name.rpartition('.')[0]
                    if name and name != module:
                        every.add(name)
                        if not in_function:
                            top.add(name)
            else:
                scopes.append((child, inner))
    return top, every, deferred


def cycles(graph):
    """Tarjan's strongly connected components of more than one module, iteratively.

    :param graph: ``{module: modules it imports}``
    """
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    group.append(item)
                    if item == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def measure(root):
    files = list(_sources(root))
    known = {_module_name(rel) for rel, _ in files}
    graph, full, deferred, sizes, transactions = {}, {}, collections.Counter(), {}, 0
    for rel, text in files:
        tree = ast.parse(text)
        name = _module_name(rel)
        graph[name], full[name], deferred[str(rel)] = _imports(rel, tree, known)
        sizes[str(rel)] = len(text.splitlines())
        if str(rel).startswith(HTTP_LAYER) and 'middleware' not in rel.parts:
            transactions += text.count('transaction(')
    return graph, full, deferred, sizes, transactions


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    graph, full, deferred, sizes, transactions = measure(root)
    loops = cycles(graph)
    hidden = cycles(full)
    print('modules: %d' % len(sizes))
    for package in PACKAGES:
        mine = {path: n for path, n in sizes.items() if path.startswith(package + '/')}
        biggest = max(mine, key=mine.get)
        print('largest module in %s: %s (%d lines)' % (package, biggest, mine[biggest]))
    print('import cycles: %d (modules in them: %s)' % (
        len(loops), ', '.join(str(len(c)) for c in loops) or '0'))
    for group in loops:
        print('  ' + ' '.join(group))
    print('import cycles counting function-level imports: %d (modules in them: %s)' % (
        len(hidden), ', '.join(str(len(c)) for c in hidden) or '0'))
    print('function-level imports: %d' % sum(deferred.values()))
    for path, count in deferred.most_common():
        if count:
            print('  %3d %s' % (count, path))
    print('transaction sites outside the domain layer: %d' % transactions)


if __name__ == '__main__':
    main()
