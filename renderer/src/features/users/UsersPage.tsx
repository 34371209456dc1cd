// Users: who may sign in to this business, their role and whether they are active. Owners and
// admins add people, change roles, deactivate or reactivate them and reset their passwords.
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SearchIcon from '@mui/icons-material/Search';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  FormControlLabel,
  IconButton,
  InputAdornment,
  ListItemText,
  Menu,
  MenuItem,
  Paper,
  Snackbar,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { RoleLock } from '../../components/RoleLock';
import { useSession } from '../auth/useSession';
import { AddUserDialog } from './AddUserDialog';
import {
  ActiveDialog,
  ChangeRoleDialog,
  ResetPasswordDialog,
  type UserAction,
} from './UserDialogs';
import { useUsers } from './useUsers';
import { fullName, lockedReason, ROLE_LABELS, type User } from './userModel';
import { visuallyHidden } from '../../components/visuallyHidden';

const usersPage = pages.find((p) => p.path === '/users');

function PageHeading({ children }: { children?: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 2 }}>
      <Box sx={{ flexGrow: 1 }}>
        <Typography id="page-title" variant="h5" component="h1" gutterBottom>
          {usersPage?.title ?? 'Users'}
        </Typography>
        <Typography color="text.secondary">{usersPage?.purpose}</Typography>
      </Box>
      {children}
    </Stack>
  );
}

const matches = (user: User, query: string) => {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [fullName(user), user.email, ROLE_LABELS[user.role]].some((text) =>
    text.toLowerCase().includes(q),
  );
};

export function UsersPage() {
  const session = useSession().data?.session;
  const allowed = session?.permissions.includes('users.manage') ?? false;
  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3 }}>
      {allowed ? (
        <UsersManager
          me={session?.user.user_id}
          myRole={session?.user.role}
          timeZone={session?.business.timezone}
        />
      ) : (
        <>
          <PageHeading />
          <RoleLock action="manage users">
            Ask an owner of {session?.business.name ?? 'the business'} to add someone, change a role
            or reset a password.
          </RoleLock>
        </>
      )}
    </Box>
  );
}

function UsersManager({
  me,
  myRole,
  timeZone,
}: {
  me: string | undefined;
  myRole: string | undefined;
  timeZone: string | undefined;
}) {
  const [showInactive, setShowInactive] = useState(false);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ action: UserAction; user: User } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useUsers(showInactive);
  const shown = useMemo(
    () => (users.data ?? []).filter((u) => matches(u, query)),
    [users.data, query],
  );
  const lastSignIn = useMemo(
    () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    [timeZone],
  );

  const closeAction = (message?: string) => {
    setOpen(null);
    if (message) setNotice(message);
  };

  let body: ReactNode;
  if (users.isPending) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }}>
        <CircularProgress aria-label="Loading users" />
      </Box>
    );
  } else if (users.isError) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => users.refetch()}>
            Try again
          </Button>
        }
      >
        Could not load the users: {users.error.message}
      </Alert>
    );
  } else if (!shown.length) {
    body = (
      <EmptyState
        icon={<SearchOffIcon />}
        title={query.trim() ? `No users match “${query.trim()}”` : 'No users to show'}
      >
        Try part of a name or an email address
        {showInactive ? '.' : ', or turn on Show inactive to include deactivated users.'}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <UsersTable
          users={shown}
          all={users.data}
          me={me}
          formatTime={(d) => lastSignIn.format(d)}
          onAction={(action, user) => setOpen({ action, user })}
        />
        {users.data.length === 1 && users.data[0]?.user_id === me && !query && (
          <EmptyState icon={<ManageAccountsIcon />} title="Only you can sign in so far">
            {usersPage?.nextStep}
          </EmptyState>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeading>
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setAdding(true)}>
          Add user
        </Button>
      </PageHeading>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField
          label="Search users"
          size="small"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          sx={{ width: 320 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <FormControlLabel
          control={
            <Switch checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          }
          label="Show inactive"
        />
        {users.isFetching && !users.isPending && (
          <CircularProgress size={18} aria-label="Refreshing" />
        )}
      </Stack>
      {body}
      {adding && (
        <AddUserDialog
          myRole={myRole}
          onClose={(added) => {
            setAdding(false);
            if (added) setNotice(`${fullName(added)} was added and can sign in now.`);
          }}
        />
      )}
      {open?.action === 'role' && (
        <ChangeRoleDialog user={open.user} myRole={myRole} onClose={closeAction} />
      )}
      {open?.action === 'active' && <ActiveDialog user={open.user} onClose={closeAction} />}
      {open?.action === 'password' && (
        <ResetPasswordDialog user={open.user} onClose={closeAction} />
      )}
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={6000}
        onClose={() => setNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      </Snackbar>
    </>
  );
}

function UsersTable({
  users,
  all,
  me,
  formatTime,
  onAction,
}: {
  users: User[];
  all: User[];
  me: string | undefined;
  formatTime: (d: Date) => string;
  onAction: (action: UserAction, user: User) => void;
}) {
  const [menu, setMenu] = useState<{ anchor: HTMLElement; user: User } | null>(null);
  const locked = menu ? lockedReason(menu.user, me, all) : null;
  const choose = (action: UserAction) => {
    if (menu) onAction(action, menu.user);
    setMenu(null);
  };
  return (
    <>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Users">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Email</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Last sign-in</TableCell>
              <TableCell align="right">
                <Box component="span" sx={visuallyHidden}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map((user) => (
              <TableRow
                key={user.user_id}
                data-testid="user-row"
                data-user-id={user.user_id}
                data-email={user.email}
                sx={{ opacity: user.is_active ? 1 : 0.6 }}
              >
                <TableCell>
                  {fullName(user)}
                  {user.user_id === me && (
                    <Chip label="You" size="small" variant="outlined" sx={{ ml: 1 }} />
                  )}
                </TableCell>
                <TableCell>{user.email}</TableCell>
                <TableCell data-testid="user-role">{ROLE_LABELS[user.role]}</TableCell>
                <TableCell data-testid="user-status">
                  {user.is_active ? (
                    <Chip label="Active" size="small" color="success" variant="outlined" />
                  ) : (
                    <Chip label="Inactive" size="small" />
                  )}
                </TableCell>
                <TableCell>
                  {user.last_login_at ? formatTime(user.last_login_at) : 'Never'}
                </TableCell>
                <TableCell align="right" sx={{ py: 0 }}>
                  <IconButton
                    aria-label={`Actions for ${fullName(user)}`}
                    aria-haspopup="menu"
                    onClick={(e) => setMenu({ anchor: e.currentTarget, user })}
                  >
                    <MoreVertIcon />
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Menu
        anchorEl={menu?.anchor}
        open={Boolean(menu)}
        onClose={() => setMenu(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <MenuItem
          onClick={() => choose('role')}
          disabled={Boolean(locked) || menu?.user.role === 'customer'}
        >
          <ListItemText
            primary="Change role…"
            secondary={
              locked ?? (menu?.user.role === 'customer' ? 'Client accounts keep their role.' : null)
            }
            slotProps={{ secondary: { sx: { whiteSpace: 'normal', maxWidth: 280 } } }}
          />
        </MenuItem>
        <MenuItem onClick={() => choose('password')}>
          <ListItemText primary="Reset password…" />
        </MenuItem>
        {menu?.user.is_active === false ? (
          <MenuItem onClick={() => choose('active')}>
            <ListItemText primary="Reactivate…" />
          </MenuItem>
        ) : (
          <MenuItem onClick={() => choose('active')} disabled={Boolean(locked)}>
            <ListItemText
              primary="Deactivate…"
              secondary={locked}
              slotProps={{ secondary: { sx: { whiteSpace: 'normal', maxWidth: 280 } } }}
            />
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
