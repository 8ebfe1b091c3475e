-- A real-client test of kmake-lsp with Neovim's built-in LSP client (works
-- on Neovim 0.7, Debian 12's, through vim.lsp.start_client). Run by
-- scripts/nvim-lsp-test.sh:
--
--   nvim --headless --clean -u NONE -c 'luafile scripts/nvim/lsp_test.lua'
--
-- Environment:
--   KMAKE_LSP        the kmake-lsp binary
--   KMAKE_TREE       the kernel tree (the workspace root)
--   KMAKE_MAKEFILE   a Makefile of the tree (relative) that uses CONFIG_<symbol>
--   KMAKE_KCONFIG    the Kconfig file (relative) that defines the symbol
--   KMAKE_SYMBOL     the symbol, without CONFIG_
--   KMAKE_ARCH       ARCH (default x86_64)
--   KMAKE_TIMEOUT    seconds to wait for answers (default 60)
-- Checks: definition from the Makefile's CONFIG_<symbol> lands on the
-- `config <symbol>` line of the Kconfig file; hover on that line's name
-- shows the symbol. Exits 0 when both pass, 1 otherwise.

local env = vim.env
local tree = env.KMAKE_TREE
local timeout_ms = tonumber(env.KMAKE_TIMEOUT or "60") * 1000
local failures = 0

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. "\n")
end

local function fail(fmt, ...)
  failures = failures + 1
  say("FAIL: " .. fmt, ...)
end

local function finish()
  if failures == 0 then
    say("nvim-lsp-test: 2 passed, 0 failed")
    vim.cmd("qall!")
  else
    say("nvim-lsp-test: %d failed", failures)
    vim.cmd("cquit 1")
  end
end

local function read_lines(path)
  local lines = {}
  local f = io.open(path, "r")
  if not f then
    return nil
  end
  for l in f:lines() do
    lines[#lines + 1] = l
  end
  f:close()
  return lines
end

-- The first (0-based) line and column where `plain` occurs in `lines`.
local function find(lines, plain)
  for i, l in ipairs(lines) do
    local c = l:find(plain, 1, true)
    if c then
      return i - 1, c - 1
    end
  end
  return nil
end

local function open(rel, filetype)
  local path = tree .. "/" .. rel
  local bufnr = vim.fn.bufadd(path)
  vim.fn.bufload(bufnr)
  vim.api.nvim_buf_set_option(bufnr, "filetype", filetype)
  return bufnr, vim.uri_from_fname(path)
end

local function main()
  for _, k in ipairs({ "KMAKE_LSP", "KMAKE_TREE", "KMAKE_MAKEFILE", "KMAKE_KCONFIG", "KMAKE_SYMBOL" }) do
    if not env[k] or env[k] == "" then
      fail("%s is not set", k)
      return
    end
  end
  local symbol = env.KMAKE_SYMBOL
  local mk_lines = read_lines(tree .. "/" .. env.KMAKE_MAKEFILE)
  local kc_lines = read_lines(tree .. "/" .. env.KMAKE_KCONFIG)
  if not mk_lines or not kc_lines then
    fail("cannot read %s or %s", env.KMAKE_MAKEFILE, env.KMAKE_KCONFIG)
    return
  end
  local mk_line, mk_col = find(mk_lines, "CONFIG_" .. symbol .. ")")
  local def_line = find(kc_lines, "config " .. symbol)
  if not mk_line or not def_line then
    fail("no CONFIG_%s) in %s or no `config %s` in %s", symbol, env.KMAKE_MAKEFILE, symbol, env.KMAKE_KCONFIG)
    return
  end

  local t0 = vim.loop.hrtime()
  local client_id = vim.lsp.start_client({
    name = "kmake-lsp",
    cmd = { env.KMAKE_LSP },
    root_dir = tree,
    workspace_folders = { { uri = vim.uri_from_fname(tree), name = "tree" } },
    init_options = { arch = env.KMAKE_ARCH or "x86_64", trusted = false },
  })
  if not client_id then
    fail("vim.lsp.start_client returned nil for %s", env.KMAKE_LSP)
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local ok = vim.wait(timeout_ms, function()
    return client.initialized or client.is_stopped()
  end, 50)
  if not ok or not client.initialized then
    fail("the server did not initialize within %d ms", timeout_ms)
    return
  end
  say("initialized in %d ms (%s)", (vim.loop.hrtime() - t0) / 1e6, client.server_capabilities and "capabilities" or "")

  local mk_buf, mk_uri = open(env.KMAKE_MAKEFILE, "make")
  local kc_buf, kc_uri = open(env.KMAKE_KCONFIG, "kconfig")
  vim.lsp.buf_attach_client(mk_buf, client_id)
  vim.lsp.buf_attach_client(kc_buf, client_id)

  -- Asks until the answer satisfies `good` (the index loads in the
  -- background: early answers may be empty) or the time is up.
  local function ask(method, params, bufnr, good)
    local deadline = vim.loop.hrtime() + timeout_ms * 1e6
    local last
    local start = vim.loop.hrtime()
    while vim.loop.hrtime() < deadline do
      local resp, err = client.request_sync(method, params, timeout_ms, bufnr)
      if resp and resp.err then
        last = "error " .. vim.inspect(resp.err)
      elseif resp then
        last = resp.result
        if good(resp.result) then
          return resp.result, (vim.loop.hrtime() - start) / 1e6
        end
      else
        last = "no response: " .. tostring(err)
      end
      vim.wait(200)
    end
    return nil, last
  end

  -- 1. Go to definition from CONFIG_<symbol> in the Makefile.
  local defs, info = ask("textDocument/definition", {
    textDocument = { uri = mk_uri },
    position = { line = mk_line, character = mk_col + 3 },
  }, mk_buf, function(r)
    return r ~= nil and r ~= vim.NIL and not vim.tbl_isempty(r)
  end)
  if not defs then
    fail("definition at %s:%d:%d: %s", env.KMAKE_MAKEFILE, mk_line + 1, mk_col + 4, vim.inspect(info))
  else
    local first = defs[1] or defs
    local uri = first.uri or first.targetUri
    local range = first.range or first.targetSelectionRange
    if uri ~= kc_uri or range.start.line ~= def_line then
      fail("definition of CONFIG_%s: %s line %d, expected %s line %d", symbol, uri, range.start.line + 1, kc_uri, def_line + 1)
    else
      say("ok: definition CONFIG_%s -> %s:%d (%d ms)", symbol, env.KMAKE_KCONFIG, def_line + 1, info)
    end
  end

  -- 2. Hover on the name in `config <symbol>`.
  local hover, hinfo = ask("textDocument/hover", {
    textDocument = { uri = kc_uri },
    position = { line = def_line, character = #"config " + 1 },
  }, kc_buf, function(r)
    return r ~= nil and r ~= vim.NIL and r.contents ~= nil
  end)
  if not hover then
    fail("hover at %s:%d: %s", env.KMAKE_KCONFIG, def_line + 1, vim.inspect(hinfo))
  else
    local c = hover.contents
    local text = type(c) == "string" and c or c.value or vim.inspect(c)
    if not text:find("CONFIG_" .. symbol, 1, true) then
      fail("hover on %s does not name CONFIG_%s: %s", symbol, symbol, text)
    else
      say("ok: hover %s:%d: %s (%d ms)", env.KMAKE_KCONFIG, def_line + 1, (text:gsub("\n.*", "")), hinfo)
    end
  end

  client.stop()
  vim.wait(2000, function()
    return client.is_stopped()
  end, 50)
end

local ok, err = pcall(main)
if not ok then
  fail("%s", tostring(err))
end
finish()
